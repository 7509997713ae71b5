namespace MetaStudio.Voice.Emulator;

/// <summary>
/// The live fault plan of one emulator: per-rule seeded <see cref="Random"/> and counters, and the log of injected
/// faults. All decisions are taken under one lock, in request arrival order.
/// </summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<InjectedFault> _injected = new();
    private FaultPlan? _plan;
    private Random[] _random = [];
    private long[] _counts = [];
    private volatile bool _active;

    public FaultInjector(FaultPlan? initial) => Set(initial);

    /// <summary>Cheap check for the middleware's fast path.</summary>
    public bool Active => _active;

    /// <summary>A copy of the current plan (null when none).</summary>
    public FaultPlan? Current
    {
        get { lock (_gate) return _plan?.Clone(); }
    }

    /// <summary>Replaces the plan (null or no rules = off) and restarts the per-rule random sequences and counters.</summary>
    public void Set(FaultPlan? plan)
    {
        var copy = plan?.Clone();
        copy?.Validate();
        lock (_gate)
        {
            _plan = copy is { Rules.Count: > 0 } ? copy : null;
            var rules = _plan?.Rules ?? [];
            _random = rules.Select((_, i) => new Random(SeedFor(copy!.Seed, i))).ToArray();
            _counts = new long[rules.Count];
            _active = _plan is not null;
        }
    }

    /// <summary>The seed of rule <paramref name="index"/>: a fixed mix of the plan seed and the index (stable across runs).</summary>
    internal static int SeedFor(int seed, int index) => unchecked((seed * 1_000_003) ^ ((index + 1) * 7_919));

    /// <summary>Counts the request against every rule of its route and returns the first rule that hits, or null.</summary>
    public FaultRule? Decide(string route, string method, string path, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_plan is null) return null;
            FaultRule? hit = null;
            for (var i = 0; i < _plan.Rules.Count; i++)
            {
                var rule = _plan.Rules[i];
                if (rule.Route != FaultRoutes.Any && rule.Route != route) continue;
                var n = ++_counts[i];
                if (n <= rule.SkipFirst) continue;
                if (rule.FirstN is { } first && n - rule.SkipFirst > first) continue;
                var draw = _random[i].NextDouble();
                if (hit is null && draw < rule.Probability) hit = rule;
            }
            if (hit is not null) _injected.Add(new InjectedFault(route, hit.Kind, method, path, now));
            return hit;
        }
    }

    public IReadOnlyList<InjectedFault> Injected
    {
        get { lock (_gate) return _injected.ToList(); }
    }

    public void ClearInjected()
    {
        lock (_gate) _injected.Clear();
    }
}
