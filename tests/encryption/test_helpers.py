"""``encrypt()`` / ``decrypt()`` use the application's key."""

from __future__ import annotations

from pathlib import Path

import pytest

from orionis.config import unload_environment
from orionis.encryption import DecryptError, decrypt, encrypt
from orionis.foundation.application import Application

KEY = "base64:dTOo5EUjl1IoOZPuKEzWd67HxtyKMl+PlL7Djm88QVo="


async def test_encrypt_and_decrypt_with_app_key(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "app.py").write_text(f"key = {KEY!r}\n")
    try:
        Application(base_path=tmp_path)
        token = encrypt({"n": 1})
        assert decrypt(token) == {"n": 1}
        with pytest.raises(DecryptError):
            decrypt(token[:-4] + "AAAA")
    finally:
        unload_environment()
