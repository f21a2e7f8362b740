# The large member of the Tiny Shakespeare size family: GPU run ts-lstm-2x480, which overfits
# (validation estimate 1.376 at step 2940, 1.398 at the end); it ships as trained, its final step
base = 'tinyshakespeare-2x256'
model_id = 'tinyshakespeare-2x480'
gpu_run = 'ts-lstm-2x480'
n_hidden = 480
cell_family = ''
card_note = ("One of nine runs that shared one NVIDIA H200 at the same time. A comparison model: it "
             "differs from tinyshakespeare-2x128 and -2x256 only in hidden size. With dropout 0.3 this "
             "size overfits Tiny Shakespeare: its validation estimate was lowest (1.376) at step 2940 "
             "and 1.398 at the end, which is what ships, to show it. The flagship `tinyshakespeare` is "
             "the same size with dropout 0.5.")
