import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The stateful API runs' totals (test_api_stateful.py), added up over every xdist worker."""
    runs = [
        value
        for report in terminalreporter.stats.get("passed", [])
        + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for name, value in report.user_properties
        if name == "schemathesis_stateful"
    ]
    if runs:
        terminalreporter.write_line(
            f"schemathesis stateful: {len(runs)} host × role runs, "
            f"{sum(run['scenarios'] for run in runs)} scenarios, "
            f"{sum(run['cases'] for run in runs)} cases, "
            f"{sum(run['linked'] for run in runs)} along a link"
        )
