"""Administrator rights and member permissions, by the names Telegram gives them."""

from __future__ import annotations

from collections.abc import Mapping

# ChatMemberAdministrator fields every administrator carries, then those for groups.
ADMIN_RIGHTS_ALWAYS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
ADMIN_RIGHTS_GROUP = ("can_pin_messages", "can_manage_topics")
ADMIN_RIGHTS = ADMIN_RIGHTS_ALWAYS + ADMIN_RIGHTS_GROUP

# What a bot is given when a person adds it as an administrator without choosing.
DEFAULT_BOT_RIGHTS = {
    **{right: True for right in ADMIN_RIGHTS},
    "can_promote_members": False,
    "can_manage_topics": False,
}
# What a person is given when promoted without a choice: everything but promoting others.
DEFAULT_ADMIN_RIGHTS = {**{right: True for right in ADMIN_RIGHTS}, "can_promote_members": False}

# ChatPermissions fields, all of which ChatMemberRestricted carries.
PERMISSIONS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_react_to_messages",
    "can_edit_tag",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
)
ALL_PERMISSIONS = {name: True for name in PERMISSIONS}
# A new group's defaults: members may do everything but change the group or pin.
DEFAULT_CHAT_PERMISSIONS = {
    **ALL_PERMISSIONS,
    "can_change_info": False,
    "can_pin_messages": False,
    "can_manage_topics": False,
}

_MEDIA_PERMISSIONS = (
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
)


def admin_rights(given: Mapping[str, bool] | None, defaults: Mapping[str, bool]) -> dict[str, bool]:
    """A full set of administrator rights: `given` over `defaults`, unknown names refused."""
    unknown = set(given or ()) - set(ADMIN_RIGHTS) - {"is_anonymous"}
    if unknown:
        raise ValueError(f"unknown administrator rights: {', '.join(sorted(unknown))}")
    rights = {right: bool(defaults.get(right, False)) for right in ADMIN_RIGHTS}
    rights.update({k: bool(v) for k, v in (given or {}).items() if k in rights})
    return rights


def permissions_from(given: Mapping[str, bool], *, independent: bool) -> dict[str, bool]:
    """ChatPermissions as restrictChatMember applies them.

    Without use_independent_chat_permissions, Telegram couples them: other
    messages and link previews imply text and every media permission, and
    polls imply text.
    """
    permissions = {name: bool(given.get(name, False)) for name in PERMISSIONS}
    if not independent:
        if permissions["can_send_other_messages"] or permissions["can_add_web_page_previews"]:
            for name in _MEDIA_PERMISSIONS:
                permissions[name] = True
            permissions["can_send_messages"] = True
        if permissions["can_send_polls"]:
            permissions["can_send_messages"] = True
    return permissions
