"""A ``Config`` never holds a coefficient that is not a finite number within bounds, however
it is made: a NaN would make every score NaN and ``--json`` print what is not JSON."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.config import COEFFICIENT_LIMIT, Config, is_sensible_coefficient
from planner.domain.errors import ConfigError


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 1e308, -1000.5])
def test_a_coefficient_out_of_bounds_is_refused(value: float) -> None:
    with pytest.raises(ConfigError, match="'due' must be a finite number"):
        Config(coefficients={"due": value})


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_config_holds_only_finite_coefficients_within_the_limit(value: float) -> None:
    try:
        config = Config(coefficients={"age": value})
    except ConfigError:
        assert not (math.isfinite(value) and abs(value) <= COEFFICIENT_LIMIT)
    else:
        assert is_sensible_coefficient(config.coefficients["age"])
