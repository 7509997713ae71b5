using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>JSON writing helpers for the REST answers (snake_case names are spelled out at each call site).</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(Options), context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error) =>
        WriteAsync(context, error.Status, new JsonObject
        {
            ["error_code"] = error.ErrorCode,
            ["error_msg"] = error.ErrorMessage,
            ["request_id"] = RequestIds.Get(context),
        });

    /// <summary>Adds <paramref name="name"/> only when the value is not null (the service omits unset fields).</summary>
    public static JsonObject Put(this JsonObject obj, string name, JsonNode? value)
    {
        if (value is not null) obj[name] = value;
        return obj;
    }

    public static JsonArray ToArray(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    public static JsonArray ToArray(IEnumerable<int> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
}

/// <summary>Per-request id (32 hex chars) used in X-Request-Id / x-obs-request-id and error bodies.</summary>
internal static class RequestIds
{
    private const string Key = "emulator.request-id";

    public static string Get(HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var id) && id is string s) return s;
        var created = Guid.NewGuid().ToString("N");
        context.Items[Key] = created;
        return created;
    }
}
