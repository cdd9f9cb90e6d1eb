"""`flask sets import` and `flask sets export`."""

from __future__ import annotations

from support import create_user

from quizapp.domain.gift import parse_gift
from quizapp.models import Question, QuestionSet, Role, db

GIFT = "::q1:: Capital of Armenia? {=Yerevan ~Baku}\n\n::q2:: The war lasted 44 days. {T}\n"


def test_import_then_export(app, tmp_path):
    create_user("tamar", Role.TEACHER)
    source = tmp_path / "capitals.gift"
    source.write_text(GIFT, encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["sets", "import", "--owner", "tamar", str(source)])
    assert result.exit_code == 0, result.output
    question_set = db.session.scalar(db.select(QuestionSet))
    assert question_set.title == "capitals"
    output = tmp_path / "out.gift"
    result = runner.invoke(
        args=["sets", "export", "--format", "gift", str(question_set.id), str(output)]
    )
    assert result.exit_code == 0, result.output
    assert parse_gift(output.read_text()).questions == parse_gift(GIFT).questions
    apkg = tmp_path / "out.apkg"
    runner.invoke(args=["sets", "export", "--format", "apkg", str(question_set.id), str(apkg)])
    assert apkg.read_bytes()[:2] == b"PK"


def test_a_file_with_errors_exits_non_zero_and_saves_nothing(app, tmp_path):
    create_user("tamar", Role.TEACHER)
    source = tmp_path / "bad.gift"
    source.write_text(GIFT + "\n::q3:: Broken {=A ~B\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["sets", "import", "--owner", "tamar", str(source)])
    assert result.exit_code != 0
    assert f"{source}:5:" in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(Question)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(QuestionSet)) == 0


def test_import_needs_a_teacher(app, tmp_path):
    create_user("ani")
    source = tmp_path / "x.gift"
    source.write_text(GIFT, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["sets", "import", "--owner", "ani", str(source)])
    assert result.exit_code != 0 and "not a teacher" in result.output
