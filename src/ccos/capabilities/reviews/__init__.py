"""Reviews: the written look back at a week, month, quarter or year."""

from ccos.registry import Capability, FileKind

CAPABILITY = Capability(
    name="reviews",
    folder="reviews",
    commands=(("review", "ccos.commands.review"),),
    files=(
        FileKind("reviews/*.md", "ccos.models.review:ReviewHeader", "review {stem}", "review", front_matter=True),
        FileKind("templates/review.toml", "ccos.models.review:ReviewTemplate", "review template", "review-template"),
    ),
)
