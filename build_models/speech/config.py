"""
The spoken-digit recogniser's configuration: one dataclass, set by a preset (presets/<name>.py,
plain assignments, `base = 'other'` to inherit) and then by --key=value, typed as in ../config.py.
"""
import dataclasses
import pathlib
from dataclasses import dataclass

from ..config import RunFolders, fill

PRESETS = pathlib.Path(__file__).resolve().parent / "presets"


@dataclass
class SpeechConfig(RunFolders):
    model_id: str = "spoken-digits"
    runs_dir: str = "runs"
    out_dir: str = "pretrained"
    # the clips: espeak-ng voices (a "voice" is a variant: its formants, pitch range and voicing), each
    # clip in an accent drawn at random. Validation and test voices are never heard in training (nor
    # any voice of their family, such as steph2 of steph).
    accents: str = "en,en-US,en-GB-scotland,en-GB-x-rp,en-GB-x-gbclan,en-GB-x-gbcwmd,en-029,en-US-nyc"
    train_voices: str = ("m1,m2,m3,m5,m6,m7,f1,f3,f5,klatt,klatt2,klatt4,klatt5,Alex,Alicia,Andrea,Andy,Annie,Denis,"
                         "Diogo,Gene,Henrique,Hugo,Jacky,Lee,Marco,Mario,Michael,Mike,adam,anika,aunty,belinda,"
                         "benjamin,boris,croak,david,ed,edward,gustave,iven,john,linda,max,michel,miguel,norbert,"
                         "pablo,paul,pedro,quincy,rob,robert,shelby,steph,travis,victor,zac,grandma,grandpa")
    val_voices: str = "m8,f4,sandro"
    test_voices: str = "m4,f2,klatt3,marcelo,kaukovalta"
    train_repeats: int = 12                  # clips per (voice, digit) in training
    test_repeats: int = 8                    # ... in validation and test
    speed_range: str = "140,230"             # words per minute
    pitch_range: str = "20,80"               # espeak-ng's 0-99 pitch
    train_snr_range: str = "0,30"            # dB; a share clean_share of training clips has no noise
    clean_share: float = 0.2
    test_snrs: str = "clean,20,10,5,0"       # each test clip is scored at each of these
    # the front-end (features.py): clip_seconds at sample_rate, a Hann window of n_fft samples every hop
    sample_rate: int = 8000
    clip_seconds: float = 1.0
    n_fft: int = 256
    hop: int = 128
    n_mels: int = 32
    fmin: float = 60.0
    # the model: an LSTM over the frames, a digit distribution at every frame
    hidden: int = 96
    layers: int = 1
    # training (Adam, cosine decay, clipping); the loss reads the last frame and, weighted by t/T,
    # every frame (so the per-frame reading firms up as the word is heard)
    steps: int = 3000
    batch_size: int = 64
    learning_rate: float = 3e-3
    frame_loss_weight: float = 0.5
    grad_clip: float = 1.0
    seed: int = 1234
    threads: int = 1
    device: str = "cpu"                      # cpu, cuda, or auto
    max_minutes: float = 0.0
    bundle_voices: str = "m4,f2,klatt3"      # test voices whose clips the page ships, one per digit each
    # float16: evaluate and export round the trained weights to fp16 (that rounded model is what
    # ships, stored as fp16 and computed in fp32: half the download); float32 keeps them as trained
    weights_dtype: str = "float16"
    card_note: str = ""

    def words(self, key):
        return [x.strip() for x in str(getattr(self, key)).split(",") if x.strip()]

    def floats(self, key):
        return [float(x) for x in self.words(key)]


NOT_TRAINING = {"model_id", "runs_dir", "out_dir", "card_note", "max_minutes", "threads", "device", "test_snrs",
                "bundle_voices", "weights_dtype"}


def load_config(preset=None, overrides=()):
    """Defaults <- preset (a name in presets/, or a path) <- ['--key=value', ...]."""
    cfg = fill(SpeechConfig(), preset, overrides, presets=PRESETS, what="speech config")
    voices = [cfg.words(k) for k in ("train_voices", "val_voices", "test_voices")]
    seen = set()
    for v in voices:
        if seen & set(v):
            raise ValueError(f"a voice is in two splits: {', '.join(sorted(seen & set(v)))}")
        seen |= set(v)
    if not set(cfg.words("bundle_voices")) <= set(voices[2]):
        raise ValueError("bundle_voices must be test voices")
    if cfg.n_fft > cfg.sample_rate * cfg.clip_seconds:
        raise ValueError("n_fft is longer than a clip")
    if cfg.weights_dtype not in ("float32", "float16"):
        raise ValueError(f"weights_dtype must be float32 or float16, got {cfg.weights_dtype!r}")
    return cfg


def to_dict(cfg):
    return dataclasses.asdict(cfg)
