using System.Security.Cryptography;
using System.Text;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Project names and ids of the emulator's IAM. <see cref="EmulatorOptions.DefaultProjectId"/> is named
/// <see cref="EmulatorOptions.ProjectName"/>; <see cref="EmulatorOptions.ExtraProjects"/> carry their own names; any
/// other project id (of a user, key or token) is also named <see cref="EmulatorOptions.ProjectName"/>.
/// All projects belong to one domain (account): the first IAM user's domain, else "emulator-domain".
/// </summary>
internal sealed class IamProjects(EmulatorOptions options)
{
    public string NameOf(string projectId)
    {
        if (projectId == EmulatorOptions.DefaultProjectId) return options.ProjectName;
        return options.ExtraProjects.FirstOrDefault(p => p.Id == projectId)?.Name ?? options.ProjectName;
    }

    public string DomainName => options.IamUsers.FirstOrDefault()?.DomainName ?? EmulatorIamUser.DefaultDomainName;

    /// <summary>
    /// What GET /v3/projects shows a caller acting on <paramref name="callerProjectId"/>: its own project plus every
    /// extra project, optionally filtered by exact name.
    /// </summary>
    public IReadOnlyList<(string Id, string Name)> Visible(string callerProjectId, string? name)
    {
        var all = new List<(string Id, string Name)> { (callerProjectId, NameOf(callerProjectId)) };
        foreach (var extra in options.ExtraProjects)
        {
            if (all.All(p => p.Id != extra.Id)) all.Add((extra.Id, extra.Name));
        }
        return all.Where(p => name is null || string.Equals(p.Name, name, StringComparison.Ordinal)).ToList();
    }

    /// <summary>A stable 32-hex id derived from a name (domain and user ids).</summary>
    public static string IdOf(string kind, string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + name)))[..32];
}
