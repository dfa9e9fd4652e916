"""Reviews: the written look back at a week, month, quarter or year."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="reviews",
    folder="reviews",
    commands=(("review", "ccos.capabilities.reviews.commands"),),
    files=(
        FileKind(
            "reviews/*.md",
            "ccos.capabilities.reviews.model:ReviewHeader",
            "review {stem}",
            "review",
            front_matter=True,
        ),
        FileKind(
            "templates/review.toml",
            "ccos.capabilities.reviews.model:ReviewTemplate",
            "review template",
            "review-template",
        ),
    ),
)
