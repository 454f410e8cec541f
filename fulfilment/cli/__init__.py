"""The litcenter command line."""
