"""``courseatlas partners``: the contract operators' scripts rely on, and clear errors."""

from __future__ import annotations

from courseatlas.referrals import repository
from courseatlas.referrals.conversions import signature, verify
from tests.helpers import run_cli
from tests.referrals.conftest import Shop


def test_set_then_secret_then_list(shop: Shop, cli_env: dict[str, str]) -> None:
    done = run_cli(
        cli_env,
        "partners",
        "set",
        "open-lab",
        "--template",
        "https://go.example/?to={url_encoded}&c={click_id}",
        "--hosts",
        "OpenLab.example, openlab.example,cdn.openlab.example",
    )
    assert done.returncode == 0, done.stderr
    assert "partner open-lab: active, hosts openlab.example, cdn.openlab.example" in done.stderr
    secret = run_cli(cli_env, "partners", "secret", "open-lab")
    assert secret.returncode == 0, secret.stderr
    value = secret.stdout.splitlines()[-1]
    assert secret.stdout == value + "\n"  # alone on its last line, and nothing else on stdout
    assert len(value) >= 40
    with shop.db.session() as session:
        partner = repository.partner_by_slug(session, "open-lab")
        assert partner is not None
        assert partner.secret == value
        assert partner.hosts == ["openlab.example", "cdn.openlab.example"]
    verify(value, "100", signature(value, "100", b"{}"), b"{}", now=100)  # the secret signs
    inactive = run_cli(
        cli_env,
        "partners",
        "set",
        "open-lab",
        "--template",
        "https://go.example/?to={url}",
        "--hosts",
        "openlab.example",
        "--inactive",
    )
    assert inactive.returncode == 0, inactive.stderr
    listing = run_cli(cli_env, "partners", "list")
    assert listing.returncode == 0, listing.stderr
    lines = {
        line.split("│")[1].strip(): line for line in listing.stdout.splitlines() if "│" in line
    }
    assert "no" in lines["open-lab"].split("│")[2]
    assert "set" in lines["open-lab"]  # the secret survived the change
    assert "yes" in lines["northbridge"].split("│")[2]
    assert "none" in lines["northbridge"]


def test_bad_input_is_one_clear_line(shop: Shop, cli_env: dict[str, str]) -> None:
    cases = [
        (
            ["set", "nobody", "--template", "https://a.example/{url}", "--hosts", "a.example"],
            "No provider 'nobody'",
        ),
        (
            ["set", "open-lab", "--template", "https://a.example/{target}", "--hosts", "a.example"],
            "--template: unknown placeholder {target}",
        ),
        (
            ["set", "open-lab", "--template", "ftp://a.example/{url}", "--hosts", "a.example"],
            "--template: the template must make an absolute http(s) URL",
        ),
        (
            ["set", "open-lab", "--template", "https://a.example/{url}", "--hosts", "a example"],
            "--hosts: 'a example' is not a host name",
        ),
        (
            ["set", "open-lab", "--template", "https://a.example/{url}", "--hosts", " , "],
            "--hosts: name at least one host",
        ),
        (["secret", "open-lab"], "No partner 'open-lab'"),
    ]
    for args, message in cases:
        done = run_cli(cli_env, "partners", *args)
        assert done.returncode == 1, args
        assert message in " ".join(done.stderr.split()), done.stderr
        assert "Traceback" not in done.stderr
        assert done.stdout == ""
