# War and Peace with the training time-lapse of Module 5: an interim model trained on one CPU
# thread until the GPU zoo replaces it with a larger one (same id, same time-lapse points);
# the recipe of `tinyshakespeare` (2×256, schedule, batches), trained longer
base = 'tinyshakespeare'
model_id = 'warandpeace'
corpus = 'warandpeace'
dropout = 0.2          # ~9 passes over 2.9M training characters
max_iters = 8000       # 25.6M characters: ~20 min on a quiet EPYC thread (3,000 steps only tied a 6-gram)
timelapse_iters = [100, 300, 500, 700, 1200, 2000]   # the 2015 paper's points; the final step is always added
timelapse_export_iters = [1200, 2000, 8000]          # ONNX for the last three, which the timelapse widget runs live
card_note = ("An interim model: 2×256 trained on one thread of a shared 2-core CPU, far smaller than the paper's "
             "3×512 and short of its 1.077 nats/char. The GPU zoo replaces it under the same id.")
