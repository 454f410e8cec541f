"""litcenter's core: domain, persistence, intake, rendering and the CLI."""
