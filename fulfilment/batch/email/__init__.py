"""E-mailed packets: the message with its brochures attached, and sending it over SMTP."""
