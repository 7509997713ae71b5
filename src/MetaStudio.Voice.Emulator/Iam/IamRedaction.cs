using System.Text.Json;
using System.Text.Json.Nodes;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Keeps passwords out of the request recorder: in a recorded POST /v3/auth/tokens body every non-object property named
/// "password" becomes "***"; a body that is not JSON is recorded as "***" as a whole.
/// </summary>
internal static class IamRedaction
{
    public static string? Redact(string path, string? body)
    {
        if (body is null || !path.StartsWith("/v3/auth/", StringComparison.Ordinal)) return body;
        try
        {
            var node = JsonNode.Parse(body);
            if (node is null) return body;
            Mask(node);
            return node.ToJsonString(Json.Options);
        }
        catch (JsonException)
        {
            return "***";
        }
    }

    private static void Mask(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is null) continue;
                    if (string.Equals(name, "password", StringComparison.OrdinalIgnoreCase) && value is not JsonObject)
                        obj[name] = "***";
                    else
                        Mask(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array) if (item is not null) Mask(item);
                break;
        }
    }
}
