"""Route actions of the web-layer tests."""

from __future__ import annotations

from typing import Any

from orionis import redirect, view
from orionis.http import Request, Response
from orionis.http.form_request import FormRequest
from orionis.session import Session
from orionis.view import View


def token(request: Request) -> str:
    return request.session.token()


def echo_cookies(request: Request) -> dict[str, str]:
    return dict(request.cookies)


def set_cookies(request: Request) -> Response:
    response = Response("ok")
    response.set_cookie("flavour", "choc chip")
    response.set_cookie("plain", "visible")
    return response


def put(request: Request, session: Session) -> dict[str, Any]:
    for key, value in request.query.items():
        session.put(key, value)
    return session.all()


def show(request: Request) -> dict[str, Any]:
    data = request.session.all()
    return {k: v for k, v in data.items() if not k.startswith("_")}


def flash(request: Request) -> str:
    request.session.flash("status", request.query.get("message") or "Saved")
    return "flashed"


def status(request: Request) -> dict[str, Any]:
    return {"status": request.session.get("status")}


def regenerate(request: Request) -> dict[str, str]:
    before = request.session.id
    request.session.regenerate(destroy=request.query.get("destroy") == "1")
    return {"before": before, "after": request.session.id}


def invalidate(request: Request) -> str:
    request.session.invalidate()
    return "gone"


def session_id(request: Request) -> str:
    return request.session.id


def has_session(request: Request) -> dict[str, bool]:
    return {"session": request.has_session()}


def submit(request: Request) -> dict[str, Any]:
    return {"method": request.method, "ok": True}


def store(request: Request) -> Any:
    data = request.validate({"email": "required|email", "age": ["integer", "min:18"]})
    return {"saved": data}


def form_page(request: Request) -> View:
    return view("form")


class StoreUser(FormRequest):
    def authorize(self) -> bool:
        return self.request.input("banned") is None

    def rules(self) -> dict[str, str]:
        return {"name": "required|string|max:5"}

    def messages(self) -> dict[str, str]:
        return {"name.max": "Names are short here: :max letters at most."}


def store_user(user: StoreUser) -> dict[str, Any]:
    return {"saved": user.validated()}


def back_home() -> Any:
    return redirect("/")


def page(name: str) -> View:
    return view(name)
