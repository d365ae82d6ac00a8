"""What counts as a spike: complaints against one company on one subject in the last 7 days,
in one Procon, well above that Procon's weekly rate over the 8 weeks before; an alert needs
such a spike in at least 3 Procons at once (a collective problem no single city sees)."""

import math
from collections.abc import Sequence

WINDOW_DAYS = 7
BASELINE_WEEKS = 8
# How many standard deviations above the weekly mean (the deviation counts as at least 1
# complaint, so a flat baseline of zeros does not alert on a couple of cases).
K = 3.0
# The fewest complaints in the week that can make a spike in one Procon.
MIN_WEEK = 3
# The fewest Procons spiking together for an alert.
MIN_PROCONS = 3


def baseline(weeks: Sequence[int]) -> tuple[float, float]:
    """Mean and population standard deviation of the baseline weeks."""
    mean = sum(weeks) / len(weeks)
    variance = sum((count - mean) ** 2 for count in weeks) / len(weeks)
    return mean, math.sqrt(variance)


def threshold(weeks: Sequence[int]) -> float:
    mean, sd = baseline(weeks)
    return mean + K * max(sd, 1.0)


def is_spike(week: int, weeks: Sequence[int]) -> bool:
    """True when this week's count is at least MIN_WEEK and above the baseline's threshold."""
    return week >= MIN_WEEK and week > threshold(weeks)
