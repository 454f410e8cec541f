"""ReportLab output settings for print work: compressed binary streams, not ASCII85 text."""

from reportlab import rl_config

# ASCII85 makes every stream a quarter larger and, without ReportLab's optional C
# accelerator, costs about as much time as drawing the labels it encodes.
rl_config.useA85 = 0
