import os
import shutil

import pytest


@pytest.fixture
def docker_compose() -> str:
    """The docker-compose binary: its absence fails on CI and skips elsewhere."""
    binary = shutil.which("docker-compose")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("docker-compose is not installed: .ci/run installs it")
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    return binary
