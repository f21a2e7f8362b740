# War and Peace (3.2M characters) with Module 5's training time-lapse: Karpathy's 3×512 LSTM,
# GPU run wp-lstm-3x512-r2 (dropout 0.4; samples at the 2015 paper's iterations)
base = 'gpu-recipe'
model_id = 'warandpeace'
gpu_run = 'wp-lstm-3x512-r2'
corpus = 'warandpeace'
n_layer = 3
n_hidden = 512
dropout = 0.4
batch_size = 128
max_iters = 6000       # 98M characters, about 34 passes over the training split
eval_interval = 600
timelapse_iters = [100, 300, 500, 700, 1200, 2000]   # the paper's points; the final step is always added
timelapse_export_iters = [1200]   # ONNX for this one (2000 too until the models of Modules 6-7 needed its 11 MB of the 120 MB budget); the final point is model.onnx itself
card_note = ("Trained on an NVIDIA H200 two runs at a time (with the Tiny Shakespeare flagship). "
             "The test split is the last 5 % of the book: most of the Second Epilogue, an essay on history, "
             "unlike the narrative the model mostly trained on, so test loss is well above val.")
