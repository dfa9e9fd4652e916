"""Use cases. They take the workspace and `today`, return models, never print or exit."""
