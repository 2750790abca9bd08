"""A small Prometheus text-format registry (counters and histograms), thread-safe."""
import threading

DEFAULT_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class Registry:
    def __init__(self):
        self._lock = threading.Lock()
        self._families: list = []

    def counter(self, name: str, help_text: str) -> "Counter":
        return self._add(Counter(name, help_text, self._lock))

    def histogram(self, name: str, help_text: str, buckets=DEFAULT_BUCKETS) -> "Histogram":
        return self._add(Histogram(name, help_text, self._lock, buckets))

    def render(self) -> str:
        with self._lock:
            return "".join(family.render() for family in self._families)

    def _add(self, family):
        self._families.append(family)
        return family


def _labels(labels: dict) -> str:
    if not labels:
        return ""
    pairs = (f'{k}="{_escape(str(v))}"' for k, v in sorted(labels.items()))
    return "{" + ",".join(pairs) + "}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class Counter:
    def __init__(self, name, help_text, lock):
        self.name, self._help, self._lock, self._values = name, help_text, lock, {}

    def inc(self, amount: float = 1, **labels) -> None:
        key = tuple(sorted(labels.items()))
        with self._lock:
            self._values[key] = self._values.get(key, 0) + amount

    def value(self, **labels) -> float:
        return self._values.get(tuple(sorted(labels.items())), 0)

    def render(self) -> str:
        lines = [f"# HELP {self.name} {self._help}", f"# TYPE {self.name} counter"]
        lines += [f"{self.name}{_labels(dict(key))} {_num(v)}" for key, v in sorted(self._values.items())]
        return "\n".join(lines) + "\n"


class Histogram:
    def __init__(self, name, help_text, lock, buckets):
        self.name, self._help, self._lock = name, help_text, lock
        self._bounds = tuple(sorted(buckets))
        self._counts = [0] * (len(self._bounds) + 1)
        self._sum = 0.0

    def observe(self, seconds: float) -> None:
        with self._lock:
            self._sum += seconds
            for i, bound in enumerate(self._bounds):
                if seconds <= bound:
                    self._counts[i] += 1
                    return
            self._counts[-1] += 1

    def render(self) -> str:
        lines = [f"# HELP {self.name} {self._help}", f"# TYPE {self.name} histogram"]
        cumulative = 0
        for bound, count in zip(self._bounds, self._counts):
            cumulative += count
            lines.append(f'{self.name}_bucket{{le="{_num(bound)}"}} {cumulative}')
        cumulative += self._counts[-1]
        lines += [f'{self.name}_bucket{{le="+Inf"}} {cumulative}', f"{self.name}_sum {self._sum!r}", f"{self.name}_count {cumulative}"]
        return "\n".join(lines) + "\n"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))
