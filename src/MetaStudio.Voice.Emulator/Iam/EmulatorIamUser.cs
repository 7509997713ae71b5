namespace MetaStudio.Voice.Emulator;

/// <summary>An IAM user that may sign in with <c>POST /v3/auth/tokens</c> (password method, project scope).</summary>
public sealed class EmulatorIamUser
{
    public const string DefaultDomainName = "emulator-domain";
    public const string DefaultUserName = "emulator-user";
    public const string DefaultPassword = "emulator-password";

    /// <summary>The account (domain) name, auth.identity.password.user.domain.name.</summary>
    public required string DomainName { get; set; }

    public required string UserName { get; set; }

    public required string Password { get; set; }

    /// <summary>The only project the user may scope a token to (by id, or by its name, see <see cref="EmulatorOptions.ProjectName"/>).</summary>
    public string ProjectId { get; set; } = EmulatorOptions.DefaultProjectId;

    public override string ToString() => $"{DomainName}/{UserName} (project {ProjectId})";
}

/// <summary>A project beyond the default one, listed by <c>GET /v3/projects</c> (e.g. a second "cn-north-4" to test ambiguity).</summary>
public sealed class EmulatorProject
{
    public required string Id { get; set; }

    /// <summary>The project name, which by Huawei Cloud convention is the region id (e.g. cn-north-4).</summary>
    public required string Name { get; set; }
}
