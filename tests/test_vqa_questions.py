"""The visual questions of Module 6 § 6.4 (build_models/scenes/questions.py): deterministic by
seed, answered correctly from the scene's objects, balanced within each type, asked only where
the answer is defined; and the browser's copy of the grammar (widgets/scene-vqa/questions.ts)
asks the same questions with the same answers."""
from collections import Counter

from build_models.scenes import data, questions as Q
import jsunit

JS_VALUES = jsunit.values_source("vqa")


def test_a_question_is_the_same_for_the_same_split_and_index():
    assert Q.question("train", 17) == Q.question("train", 17)
    assert [Q.question("test", i) for i in range(30)] != [Q.question("val", i) for i in range(30)]


def _check(scene, q):
    ss = scene.shapes
    w = list(q.words)
    if q.type == "count":
        thing = w[2]
        n = len(ss) if thing == "objects" else sum(s.colour == thing for s in ss) if thing in data.COLOURS \
            else sum(s.shape + "s" == thing for s in ss)
        return q.answer == str(n)
    if q.type == "exist":
        a, b = w[3], w[4]
        key = "colour" if a in data.COLOURS else "size"
        return q.answer == ("yes" if any(getattr(s, key) == a and s.shape == b for s in ss) else "no")
    if q.type == "relation":
        ref = w[w.index("the") + 1:]
        [me] = [s for s in ss if all(x in (s.colour, s.shape) for x in ref)]   # the reference names one object
        d = " ".join(w[3:w.index("the")])
        dx = {"left of": lambda s: me.x - s.x, "right of": lambda s: s.x - me.x, "above": lambda s: me.y - s.y, "below": lambda s: s.y - me.y}[d]
        side = [s for s in ss if s is not me and dx(s) > 0]
        return q.answer == (min(side, key=dx).shape if side else "nothing")
    ref = [x for x in w[4:] if x != "object"]
    [obj] = [s for s in ss if all(x in (s.size, s.colour, s.shape) for x in ref)]   # the reference names one object
    return q.answer == getattr(obj, q.type)


def test_every_answer_is_true_of_the_scenes_objects():
    for i in range(300):
        k, q = Q.question("val", i)
        assert _check(data.make_scene("val", k), q), (k, q)


def test_questions_with_an_undefined_answer_are_not_asked():
    two_circles = data.Scene([data.Shape("circle", "red", "small", 10, 30), data.Shape("circle", "blue", "small", 50, 32)])
    texts = {" ".join(q.words): q.answer for q in Q.candidates(two_circles)}
    assert "what colour is the circle" not in texts          # two circles: "the circle" names neither
    assert "what colour is the triangle" not in texts        # no triangle: not asked
    assert texts["how many triangles are there"] == "0" and texts["is there a red triangle"] == "no"
    assert texts["what shape is left of the blue circle"] == "circle"
    assert texts["what shape is left of the red circle"] == "nothing"
    assert Q.candidates(data.Scene([])) == []


def test_answers_are_balanced_within_each_type_so_the_prior_is_weak():
    qs = [Q.question("train", i)[1] for i in range(1200)]
    for t in Q.TYPES:
        c = Counter(q.answer for q in qs if q.type == t)
        n = sum(c.values())
        assert set(c) == set(Q.ANSWERS_BY_TYPE[t]), t
        assert max(c.values()) / n < 2.2 / len(Q.ANSWERS_BY_TYPE[t]), (t, c)


def test_held_out_pairs_stay_in_the_novel_split():
    for split in ("train", "test"):
        assert not any(data.held_out(s) for i in range(150) for s in data.make_scene(split, Q.question(split, i)[0]).shapes)
    assert all(any(data.held_out(s) for s in data.make_scene("novel", Q.question("novel", i)[0]).shapes) for i in range(60))


def test_the_browser_asks_the_same_questions_with_the_same_answers(js_values):
    for scene, got in zip(js_values["scenes"], js_values["candidates"]):
        want = [{"type": q.type, "words": list(q.words), "answer": q.answer} for q in Q.candidates(data.Scene.from_json(scene))]
        assert got == want, scene


def test_the_browser_reads_typed_questions_as_python_does(js_values):
    typed = ["What colour is the triangle?", "what color is the fridge", "", "   ?! ",
             "how many squares are there there there there there there there there there", "What COLOR is the triangle?"]
    assert js_values["tokens"] == [Q.tokenise(t)[0] for t in typed]


def test_an_american_spelling_reads_as_the_grammars_word():
    assert Q.tokenise("What color is the triangle?") == (["what", "colour", "is", "the", "triangle"], [])


def test_unknown_words_are_named_and_an_empty_question_is_said(js_values):
    p = js_values["problems"]
    assert p[0] is None
    assert "“fridge”" in p[1] and "“color”" not in p[1] and "kept" in p[1]
    assert p[5] is None
    assert p[2] == p[3] == js_values["empty"]
    assert "at most 12" in p[4]


def test_the_verdict_compares_with_the_grammars_answer(js_values):
    assert js_values["verdicts"] == ["right", "wrong", "none"]
