"""Small Django-light helpers shared by the apps."""
