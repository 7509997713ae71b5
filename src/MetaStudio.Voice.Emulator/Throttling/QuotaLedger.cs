namespace MetaStudio.Voice.Emulator;

/// <summary>
/// What GET .../quotas reports per project: the starting values of <see cref="EmulatorOptions.Quotas"/> (keys as in
/// resource_available_nums: advance, basic, middle, middle_on_demand, third_party_cmww, flexus) minus one per job
/// created. Deleting a job gives nothing back. Never below 0: creating with nothing left still succeeds (the service
/// then bills on demand; the module only warns).
/// </summary>
internal sealed class QuotaLedger(EmulatorOptions options)
{
    public static readonly string[] Keys = ["flexus", "basic", "middle", "middle_on_demand", "advance", "third_party_cmww"];

    private readonly object _gate = new();
    private readonly Dictionary<(string Project, string Key), int> _consumed = new();

    /// <summary>
    /// The quota key a created job consumes: BASIC→basic, MIDDLE→middle (middle_on_demand when
    /// is_ondemand_resource is true), ADVANCE→advance, THIRD_PARTY→third_party_cmww; other job types → null.
    /// </summary>
    public static string? KeyOf(string jobType, bool? onDemand) => jobType switch
    {
        "BASIC" => "basic",
        "MIDDLE" => onDemand == true ? "middle_on_demand" : "middle",
        "ADVANCE" => "advance",
        "THIRD_PARTY" => "third_party_cmww",
        "FLEXUS" => "flexus",
        _ => null,
    };

    public int Total(string key) => Math.Max(0, options.Quotas.GetValueOrDefault(key));

    public void Consume(string projectId, string jobType, bool? onDemand)
    {
        if (KeyOf(jobType, onDemand) is not { } key) return;
        lock (_gate) _consumed[(projectId, key)] = _consumed.GetValueOrDefault((projectId, key)) + 1;
    }

    public int Available(string projectId, string key)
    {
        lock (_gate) return Math.Max(0, Total(key) - _consumed.GetValueOrDefault((projectId, key)));
    }
}
