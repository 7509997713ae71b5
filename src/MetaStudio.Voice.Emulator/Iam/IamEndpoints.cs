using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// The emulator's IAM, on the same server (reference §3.1):
/// <list type="bullet">
/// <item>POST /v3/auth/tokens[?nocatalog=true] — password method, project scope by name or id → 201 with
///   X-Subject-Token and {"token":{...}}. Failures in IAM's own shape {"error":{"code","message","title"}}:
///   wrong domain/user/password → 401 "The username or password is wrong."; a scope the user has no access to →
///   401 "The request you have made requires authentication." (emulator choice); malformed body → 400.</item>
/// <item>GET /v3/projects[?name=REGION] — AK/SK signed (an X-Auth-Token also works) → {"projects":[...]}, failures
///   as the API gateway answers them (see <see cref="AuthErrors"/>).</item>
/// </list>
/// </summary>
internal sealed class IamEndpoints(EmulatorServices s)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v3/auth/tokens", CreateTokenAsync);
        app.MapGet("/v3/projects", ListProjectsAsync);
    }

    private async Task CreateTokenAsync(HttpContext context)
    {
        context.Response.Headers["X-Request-Id"] = RequestIds.Get(context);
        var request = ReadPasswordRequest(await ReadBodyAsync(context), out var badRequest);
        if (request is null)
        {
            await WriteIamErrorAsync(context, 400, "Bad Request", badRequest!);
            return;
        }

        var (domain, userName, password, scopeName, scopeId) = request.Value;
        var user = s.Options.IamUsers.FirstOrDefault(u =>
            string.Equals(u.DomainName, domain, StringComparison.Ordinal)
            && string.Equals(u.UserName, userName, StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(u.Password), Encoding.UTF8.GetBytes(password)));
        if (user is null)
        {
            await WriteIamErrorAsync(context, 401, "Unauthorized", "The username or password is wrong.");
            return;
        }

        var projectName = s.IamProjects.NameOf(user.ProjectId);
        if ((scopeId is not null && scopeId != user.ProjectId) || (scopeName is not null && scopeName != projectName))
        {
            await WriteIamErrorAsync(context, 401, "Unauthorized", "The request you have made requires authentication.");
            return;
        }

        var issuedAt = s.Now;
        var expiresAt = issuedAt + s.Options.IamTokenLifetime;
        var token = s.IamTokens.Issue(new IssuedToken(user.ProjectId, user.UserName, user.DomainName, issuedAt, expiresAt));
        var domainObject = new JsonObject { ["id"] = IamProjects.IdOf("domain", user.DomainName), ["name"] = user.DomainName };
        var body = new JsonObject
        {
            ["expires_at"] = expiresAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
            ["issued_at"] = issuedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
            ["methods"] = new JsonArray("password"),
            ["project"] = new JsonObject
            {
                ["id"] = user.ProjectId,
                ["name"] = projectName,
                ["domain"] = domainObject.DeepClone(),
            },
            ["user"] = new JsonObject
            {
                ["id"] = IamProjects.IdOf("user", user.DomainName + "/" + user.UserName),
                ["name"] = user.UserName,
                ["domain"] = domainObject.DeepClone(),
                ["password_expires_at"] = "",
            },
            ["roles"] = new JsonArray(new JsonObject { ["id"] = "0", ["name"] = "te_admin" }),
        };
        if (!string.Equals(context.Request.Query["nocatalog"].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            var url = $"{context.Request.Scheme}://{context.Request.Host}";
            body["catalog"] = new JsonArray(new JsonObject
            {
                ["type"] = "metastudio",
                ["name"] = "metastudio",
                ["id"] = IamProjects.IdOf("service", "metastudio"),
                ["endpoints"] = new JsonArray(new JsonObject
                {
                    ["id"] = IamProjects.IdOf("endpoint", "metastudio"),
                    ["interface"] = "public",
                    ["region"] = projectName,
                    ["region_id"] = projectName,
                    ["url"] = url,
                }),
            });
        }
        context.Response.Headers["X-Subject-Token"] = token;
        await Json.WriteAsync(context, 201, new JsonObject { ["token"] = body });
    }

    private async Task ListProjectsAsync(HttpContext context)
    {
        context.Response.Headers["X-Request-Id"] = RequestIds.Get(context);
        try
        {
            var projectId = s.Authorizer.Authenticate(context);
            var name = RequestReading.Query(context, "name");
            var projects = s.IamProjects.Visible(projectId, name).Select(p => (JsonNode?)new JsonObject
            {
                ["id"] = p.Id,
                ["name"] = p.Name,
                ["domain_id"] = IamProjects.IdOf("domain", s.IamProjects.DomainName),
                ["description"] = "",
                ["enabled"] = true,
                ["is_domain"] = false,
                ["parent_id"] = IamProjects.IdOf("domain", s.IamProjects.DomainName),
            }).ToArray();
            await Json.WriteAsync(context, 200, new JsonObject
            {
                ["projects"] = new JsonArray(projects),
                ["links"] = new JsonObject { ["self"] = $"{context.Request.Scheme}://{context.Request.Host}/v3/projects", ["previous"] = null, ["next"] = null },
            });
        }
        catch (ApiException e)
        {
            await Json.WriteErrorAsync(context, e);
        }
    }

    private static async Task<string?> ReadBodyAsync(HttpContext context)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    /// <summary>The password-method fields, or null with the reason in <paramref name="error"/>.</summary>
    private static (string Domain, string User, string Password, string? ScopeName, string? ScopeId)? ReadPasswordRequest(string? text, out string? error)
    {
        error = null;
        if (text is null)
        {
            error = "The request body must be JSON (Content-Type: application/json).";
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(text);
            var auth = Child(doc.RootElement, "auth");
            var identity = Child(auth, "identity");
            var methods = Child(identity, "methods");
            if (methods?.ValueKind != JsonValueKind.Array || !methods.Value.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() == "password"))
            {
                error = "auth.identity.methods must contain \"password\".";
                return null;
            }
            var user = Child(Child(identity, "password"), "user");
            var name = Text(user, "name");
            var password = Text(user, "password");
            var domainName = Text(Child(user, "domain"), "name");
            if (name is null || password is null || domainName is null)
            {
                error = "auth.identity.password.user needs name, password and domain.name.";
                return null;
            }
            var project = Child(Child(auth, "scope"), "project");
            var scopeName = Text(project, "name");
            var scopeId = Text(project, "id");
            if (scopeName is null && scopeId is null)
            {
                error = "auth.scope.project needs a name or an id (the emulator issues project-scoped tokens only).";
                return null;
            }
            return (domainName, name, password, scopeName, scopeId);
        }
        catch (JsonException)
        {
            error = "The request body is not valid JSON.";
            return null;
        }
    }

    private static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var v) ? v : null;

    private static string? Text(JsonElement? parent, string name) =>
        Child(parent, name) is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } t ? t : null;

    private static Task WriteIamErrorAsync(HttpContext context, int status, string title, string message) =>
        Json.WriteAsync(context, status, new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["title"] = title },
        });
}
