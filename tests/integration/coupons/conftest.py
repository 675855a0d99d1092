"""The payments shop and gateway doubles, for buying with coupons."""

from __future__ import annotations
