"""Documents: plain data in, PDF bytes out. Every page printed in training mode carries the
watermark, whichever document draws it (``watermark.py``)."""

from counter_app import training as _training
from counter_app.documents import watermark as _watermark

_training.on_change(_watermark.follow)
