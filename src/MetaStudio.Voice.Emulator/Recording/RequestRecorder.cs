namespace MetaStudio.Voice.Emulator;

/// <summary>Thread-safe, append-only list of answered requests in arrival order.</summary>
internal sealed class RequestRecorder
{
    private readonly object _gate = new();
    private readonly List<(long Sequence, RecordedRequest Request)> _items = new();

    public void Add(long arrivalSequence, RecordedRequest request)
    {
        lock (_gate)
        {
            // Keep arrival order even though requests finish (and are added) in any order.
            var index = _items.Count;
            while (index > 0 && _items[index - 1].Sequence > arrivalSequence) index--;
            _items.Insert(index, (arrivalSequence, request));
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate) return _items.Select(i => i.Request).ToList();
    }

    public void Clear()
    {
        lock (_gate) _items.Clear();
    }
}
