"""The bot itself: getMe, its commands, webhook settings, getUpdates, harmless switches."""

from __future__ import annotations

import json
import re

from sandbox.errors import ApiError, bad_request
from sandbox.methods.access import resolve_chat
from sandbox.views import user_view
from sandbox.world import World

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_MAX_COMMANDS = 100
_WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


def get_me(world: World, params: dict) -> dict:
    return {
        **user_view(world.bot),
        "can_join_groups": True,
        "can_read_all_group_messages": not world.privacy_mode,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def get_updates(world: World, params: dict) -> list[dict]:
    if world.webhook is not None:
        raise ApiError(409, _WEBHOOK_CONFLICT)
    return await world.updates.get_updates(
        offset=params.get("offset"),
        limit=min(max(params.get("limit", 100), 1), 100),
        timeout=max(params.get("timeout", 0), 0),
        allowed_updates=params.get("allowed_updates"),
    )


def commands_key(world: World, scope: dict | None, language_code: str) -> tuple[str, str]:
    """Where setMyCommands keeps a list: the scope (with its chat resolved) and the language."""
    scope = dict(scope or {"type": "default"})
    if "chat_id" in scope:
        scope["chat_id"] = resolve_chat(world, scope["chat_id"]).id
    return json.dumps(scope, sort_keys=True), language_code


def set_my_commands(world: World, params: dict) -> bool:
    commands = params["commands"]
    if len(commands) > _MAX_COMMANDS:
        raise bad_request("too many commands")
    for command in commands:
        if not _COMMAND.fullmatch(command["command"]):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(command["description"]) <= 256:
            raise bad_request("command description must be 1-256 characters")
    key = commands_key(world, params.get("scope"), params.get("language_code", ""))
    world.commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
    return True


def get_my_commands(world: World, params: dict) -> list[dict]:
    return world.commands.get(commands_key(world, params.get("scope"), params.get("language_code", "")), [])


def delete_my_commands(world: World, params: dict) -> bool:
    world.commands.pop(commands_key(world, params.get("scope"), params.get("language_code", "")), None)
    return True


def set_webhook(world: World, params: dict) -> bool:
    url = params["url"]
    if params.get("drop_pending_updates"):
        world.updates.drop_pending()
    world.updates.set_allowed_updates(params.get("allowed_updates"))
    if not url:
        world.webhook = None
        return True
    if not url.startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    # The sandbox posts updates only where its operator's proxy stand-in forwards this URL
    # (sandbox/webhooks.py); it has no network and no TLS.
    world.webhook = {"url": url, "max_connections": params.get("max_connections", 40)}
    if params.get("secret_token"):
        world.webhook["secret_token"] = params["secret_token"]
    if "ip_address" in params:
        world.webhook["ip_address"] = params["ip_address"]
    return True


def delete_webhook(world: World, params: dict) -> bool:
    world.webhook = None
    if params.get("drop_pending_updates"):
        world.updates.drop_pending()
    return True


def get_webhook_info(world: World, params: dict) -> dict:
    info: dict = {
        "url": world.webhook["url"] if world.webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": world.updates.pending_count(),
    }
    if world.webhook:
        info["max_connections"] = world.webhook["max_connections"]
        if "ip_address" in world.webhook:
            info["ip_address"] = world.webhook["ip_address"]
        for field in ("last_error_date", "last_error_message"):
            if field in world.webhook:
                info[field] = world.webhook[field]
    if world.updates.allowed_updates is not None:
        info["allowed_updates"] = world.updates.allowed_updates
    return info


def harmless(world: World, params: dict) -> bool:
    """logOut and close: nothing to do for a server that is never really left."""
    return True


def set_chat_menu_button(world: World, params: dict) -> bool:
    if "chat_id" in params:
        chat = resolve_chat(world, params["chat_id"])
        if chat.type != "private":
            raise bad_request("menu button can be set only in private chats")
    return True


METHODS = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "logOut": harmless,
    "close": harmless,
    "setChatMenuButton": set_chat_menu_button,
}
