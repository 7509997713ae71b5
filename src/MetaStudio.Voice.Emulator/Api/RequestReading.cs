using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>Reads and validates REST request bodies, headers and query values, throwing <see cref="ApiException"/>.</summary>
internal static class RequestReading
{
    public static readonly string[] Tags = ["ECOMMERCE", "NEWS", "MARKETING", "LIVE", "EDUCATION", "CUSTOMER", "STORYTELLING"];
    public static readonly string[] Sexes = ["FEMALE", "MALE"];
    public static readonly string[] Languages = ["CN", "EN"];
    public static readonly string[] CreateTypes = ["PACKAGE", "SEGMENT"];
    public static readonly string[] SupportedServices = ["VIDEO_2D", "LIVE_2D", "CHAT_2D"];

    public static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The JSON object body. Content-Type must be application/json (parameters such as charset allowed) and the
    /// body must be a JSON object, else 400 MSS.10000002. When <paramref name="optional"/> and there is no body,
    /// returns null.
    /// </summary>
    public static async Task<JsonElement?> ReadObjectAsync(HttpContext context, bool optional)
    {
        var request = context.Request;
        if (optional && !HasBody(request)) return null;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiErrors.BadJson("Content-Type must be application/json");
        }

        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            text = await reader.ReadToEndAsync(context.RequestAborted);
        }
        if (optional && string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw ApiErrors.BadJson("the body must be a JSON object");
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw ApiErrors.BadJson();
        }
    }

    /// <summary>A string field; null when absent or JSON null; 400 MSS.10000003 when of another type.</summary>
    public static string? String(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw ApiErrors.Validation($"{name} must be a string");
        return value.GetString();
    }

    public static string? Enum(JsonElement obj, string name, string[] allowed)
    {
        var value = String(obj, name);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            throw ApiErrors.Validation($"{name} must be one of {string.Join(", ", allowed)}");
        return value;
    }

    public static bool? Bool(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiErrors.Validation($"{name} must be a boolean"),
        };
    }

    public static IReadOnlyList<string>? EnumArray(JsonElement obj, string name, string[] allowed)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array) throw ApiErrors.Validation($"{name} must be an array");
        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !allowed.Contains(item.GetString(), StringComparer.Ordinal))
                throw ApiErrors.Validation($"{name} items must be one of {string.Join(", ", allowed)}");
            list.Add(item.GetString()!);
        }
        return list;
    }

    public static IReadOnlyList<string>? StringArray(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
            throw ApiErrors.Validation($"{name} must be an array of strings");
        return value.EnumerateArray().Select(i => i.GetString()!).ToList();
    }

    /// <summary>The optional X-App-UserId header; must be printable ASCII (no Chinese), else 400 MSS.00000003.</summary>
    public static string? AppUserId(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue("X-App-UserId", out var values)) return null;
        var value = values.ToString();
        if (value.Length == 0) return null;
        if (value.Any(c => c < 0x20 || c > 0x7E)) throw ApiErrors.InvalidParameter("X-App-UserId must contain ASCII characters only");
        return value;
    }

    /// <summary>An optional integer query value within [min, max]; 400 MSS.00000003 otherwise.</summary>
    public static int QueryInt(HttpContext context, string name, int defaultValue, int min, int max)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0) return defaultValue;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw ApiErrors.InvalidParameter($"{name} must be an integer from {min} to {max}");
        }
        return value;
    }

    public static string? Query(HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        return text.Length == 0 ? null : text;
    }
}
