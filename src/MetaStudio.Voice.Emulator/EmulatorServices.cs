namespace MetaStudio.Voice.Emulator;

/// <summary>The parts of one emulator instance, shared by the route handlers.</summary>
internal sealed class EmulatorServices
{
    public required EmulatorOptions Options { get; init; }
    public required JobStore Jobs { get; init; }
    public required ObjectStore Objects { get; init; }
    public required ObsSigner Signer { get; init; }
    public required UploadUrlFactory Urls { get; init; }
    public required RequestRecorder Recorder { get; init; }
    public required RequestAuthorizer Authorizer { get; init; }
    // Authentication (IAM, AK/SK), throttling, quotas
    public required IamTokenStore IamTokens { get; init; }
    public required IamProjects IamProjects { get; init; }
    public required ProjectRateLimiter RateLimiter { get; init; }
    public required QuotaLedger Quotas { get; init; }
    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();
}
