# The recipe the GPU zoo shares (not a model of its own: each shipped model's preset names it as
# its base). One NVIDIA H200, fp16 autocast; AdamW at 2e-3 with 200 warmup steps and cosine decay
# to 1e-4; windows of 128 characters. Every key here and in the presets that build on it equals
# the recorded config of a run in ../shared/gpu-runs/ (tests/test_build_models_presets.py).
cell = 'lstm'
seq_len = 128
learning_rate = 2e-3
min_lr = 1e-4
warmup_iters = 200
weight_decay = 0.0
grad_clip = 1.0
eval_iters = 20
log_interval = 50
device = 'cuda'
threads = 1
amp = True
timelapse_iters = []
timelapse_export_iters = []
# The zoo was trained before `train` kept a best checkpoint: what ships is each run's final step,
# and a re-run reproduces that only without keep_best. A new model's preset should leave it on.
keep_best = False
# fp16 weights: the GPU checkpoints are stored in fp16, so the ONNX files lose nothing by it
weights_dtype = 'float16'
