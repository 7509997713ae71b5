namespace MetaStudio.Voice.Emulator;

/// <summary>An AK/SK pair accepted in <c>Authorization: SDK-HMAC-SHA256 ...</c> signed requests.</summary>
public sealed class EmulatorAccessKey
{
    public const string DefaultAccessKey = "EMULATORAK000000";
    public const string DefaultSecretKey = "emulator-secret-key";

    public required string AccessKey { get; set; }

    public required string SecretKey { get; set; }

    /// <summary>The project the key acts on; requests for another project answer 400 MSS.00010009.</summary>
    public string ProjectId { get; set; } = EmulatorOptions.DefaultProjectId;

    /// <summary>
    /// Non-null for a temporary key: then every request must carry (and sign) <c>X-Security-Token</c> with this value.
    /// </summary>
    public string? SecurityToken { get; set; }

    public override string ToString() => $"{AccessKey} (project {ProjectId}{(SecurityToken is null ? "" : ", temporary")})";
}
