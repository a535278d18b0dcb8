"""Product descriptions per channel, filled from their templates, and limits."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

from .models import DescriptionTemplate, ListingChannel, Product
from .placeholders import (  # noqa: F401 - the names pages and admin use
    PLACEHOLDERS,
    allowed_placeholders,
    check_template,
    render_template,
)

# Limits of the channels, as their apps enforce them.
INSTAGRAM_CAPTION_MAX = 2200
INSTAGRAM_HASHTAGS_MAX = 30
SHOPEE_NAME_MAX = 100
SHOPEE_DESCRIPTION_MAX = 3000
_HASHTAG = re.compile(r"(?<!\w)#\w+")


@dataclass
class ChannelText:
    channel: ListingChannel
    title: str
    body: str
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.channel.label


def channel_warnings(channel: str, title: str, body: str) -> list[str]:
    warnings = []
    if channel == ListingChannel.INSTAGRAM:
        caption = f"{title}\n\n{body}".strip() if title else body
        if len(caption) > INSTAGRAM_CAPTION_MAX:
            warnings.append(
                gettext(
                    "Instagram captions may have at most %(max)s characters; "
                    "this one has %(count)s."
                )
                % {"max": INSTAGRAM_CAPTION_MAX, "count": len(caption)}
            )
        tags = len(_HASHTAG.findall(caption))
        if tags > INSTAGRAM_HASHTAGS_MAX:
            warnings.append(
                gettext(
                    "Instagram allows at most %(max)s hashtags; this caption has "
                    "%(count)s."
                )
                % {"max": INSTAGRAM_HASHTAGS_MAX, "count": tags}
            )
    if channel == ListingChannel.SHOPEE:
        if len(title) > SHOPEE_NAME_MAX:
            warnings.append(
                gettext(
                    "Shopee product names may have at most %(max)s characters; "
                    "this one has %(count)s."
                )
                % {"max": SHOPEE_NAME_MAX, "count": len(title)}
            )
        if len(body) > SHOPEE_DESCRIPTION_MAX:
            warnings.append(
                gettext(
                    "Shopee descriptions may have at most %(max)s characters; "
                    "this one has %(count)s."
                )
                % {"max": SHOPEE_DESCRIPTION_MAX, "count": len(body)}
            )
    return warnings


def product_channel_texts(product: Product) -> list[ChannelText]:
    """The product described for every channel that has a template."""
    texts = []
    order = list(ListingChannel.values)
    templates = sorted(
        DescriptionTemplate.objects.all(), key=lambda t: order.index(t.channel)
    )
    for template in templates:
        channel = ListingChannel(template.channel)
        title = render_template(template.title, product)
        body = render_template(template.body, product)
        texts.append(
            ChannelText(channel, title, body, channel_warnings(channel, title, body))
        )
    return texts
