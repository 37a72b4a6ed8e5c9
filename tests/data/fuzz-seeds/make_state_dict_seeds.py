"""Writes two small torch.save state dicts (legacy stream and zip archive) with Python's own pickle,
as seeds for the state-dict fuzzer: an OrderedDict of two float32 tensors, one a strided view."""
import collections, io, pickle, struct, sys, zipfile

class FloatStorage:                     # pickled as the global torch.FloatStorage
    pass
FloatStorage.__module__, FloatStorage.__qualname__ = "torch", "FloatStorage"

def _rebuild_tensor_v2(*args):          # pickled as torch._utils._rebuild_tensor_v2
    pass
_rebuild_tensor_v2.__module__, _rebuild_tensor_v2.__qualname__ = "torch._utils", "_rebuild_tensor_v2"
sys.modules.setdefault("torch", type(sys)("torch")).FloatStorage = FloatStorage
sys.modules.setdefault("torch._utils", type(sys)("torch._utils"))._rebuild_tensor_v2 = _rebuild_tensor_v2

class Ref:
    def __init__(self, key, numel): self.key, self.numel = key, numel

class Tensor:
    def __init__(self, ref, offset, size, stride): self.args = (ref, offset, size, stride, False, collections.OrderedDict())
    def __reduce__(self): return (_rebuild_tensor_v2, self.args)

storages = {"0": [float(i) for i in range(6)], "1": [0.5, -1.0, 2.0, 4.0]}
state = collections.OrderedDict()
state["a.weight"] = Tensor(Ref("0", 6), 0, (2, 3), (3, 1))
state["a.bias"] = Tensor(Ref("1", 4), 1, (2,), (2,))
state._metadata = collections.OrderedDict({"a": {"version": 1}})

class Saver(pickle.Pickler):
    def __init__(self, f, legacy):
        super().__init__(f, protocol=2)
        self.legacy = legacy
    def persistent_id(self, obj):
        if isinstance(obj, Ref):
            return ("storage", FloatStorage, obj.key, "cpu", obj.numel) + ((None,) if self.legacy else ())
        return None

def data(key): return struct.pack("<%df" % len(storages[key]), *storages[key])

legacy = io.BytesIO()
for header in (0x1950a86a20f9469cfc6c, 1001, {"protocol_version": 1001, "little_endian": True,
                                             "type_sizes": {"short": 2, "int": 4, "long": 4}}):
    pickle.dump(header, legacy, protocol=2)
Saver(legacy, True).dump(state)
pickle.dump(list(storages), legacy, protocol=2)
for key in storages:
    legacy.write(struct.pack("<q", len(storages[key])) + data(key))
open("state-dict-legacy.bin", "wb").write(legacy.getvalue())

body = io.BytesIO()
Saver(body, False).dump(state)
with zipfile.ZipFile("state-dict-zip.bin", "w", zipfile.ZIP_STORED) as archive:
    archive.writestr("archive/data.pkl", body.getvalue())
    archive.writestr("archive/byteorder", "little")
    for key in storages:
        archive.writestr("archive/data/" + key, data(key))
    archive.writestr("archive/version", "3\n")
