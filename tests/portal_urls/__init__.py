"""Every URL pattern of the portal, what its view's decorators say about it, and an
object of the database for each address that names one.

The whole-portal checks walk this list, so a new page is checked the day it is added.
"""

from .objects import (
    ADMIN_OBJECTS,
    ANONYMOUS,
    ID_TARGETS,
    OTHER_MEMBER,
    TRAINER,
    World,
    admin_model,
    url_for,
)
from .routes import Route, all_routes, id_routes, portal_routes, post_routes

__all__ = [
    "ADMIN_OBJECTS",
    "ANONYMOUS",
    "ID_TARGETS",
    "OTHER_MEMBER",
    "TRAINER",
    "Route",
    "World",
    "admin_model",
    "all_routes",
    "id_routes",
    "portal_routes",
    "post_routes",
    "url_for",
]
