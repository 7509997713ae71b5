using System;
using System.IO;
using System.Text.Json;
using System.Xml;

namespace MetaStudio.Voice.Client
{
    /// <summary>
    /// Turns error answers into exceptions: MetaStudio/API-gateway JSON ({error_code, error_msg}, parsed
    /// the way the official SDKs do) and OBS XML (&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;RequestId/&gt;).
    /// </summary>
    internal static class ServiceErrorParser
    {
        private const int MaxShownBody = 512;

        public static MetaStudioServiceException FromRestResponse(string operation, int status, string? requestId, string? body)
        {
            string? code = null, msg = null, bodyRequestId = null;
            if (!string.IsNullOrWhiteSpace(body))
            {
                try
                {
                    using var doc = JsonDocument.Parse(body!);
                    FindCodeAndMessage(doc.RootElement, 0, ref code, ref msg, ref bodyRequestId);
                }
                catch (JsonException) { /* not JSON: fall back to the status and the raw text below */ }
            }
            requestId ??= bodyRequestId;
            if (string.IsNullOrEmpty(code)) code = "HTTP" + status;
            if (string.IsNullOrEmpty(msg)) msg = string.IsNullOrWhiteSpace(body) ? "(no error body)" : Shorten(body!);
            var kind = KindOf(status, code!);
            var message = $"MetaStudio {operation} failed (HTTP {status} {code}): {msg}" +
                          (requestId != null ? $" (request id {requestId})" : "") + ". " + Advice(kind, code!);
            return new MetaStudioServiceException(operation, status, code!, msg!, requestId, kind, message);
        }

        public static ObjectStorageException FromStorageResponse(int status, string? headerCode, string? headerMessage,
            string? requestId, string? body)
        {
            string? code = null, msg = null, xmlRequestId = null;
            if (!string.IsNullOrWhiteSpace(body) && body!.TrimStart().StartsWith("<", StringComparison.Ordinal))
            {
                try { ReadObsXml(body, out code, out msg, out xmlRequestId); }
                catch (XmlException) { /* fall back to headers / status */ }
            }
            code = string.IsNullOrEmpty(code) ? headerCode : code;
            msg = string.IsNullOrEmpty(msg) ? headerMessage : msg;
            requestId = xmlRequestId ?? requestId;
            if (string.IsNullOrEmpty(code)) code = "HTTP" + status;
            if (string.IsNullOrEmpty(msg)) msg = string.IsNullOrWhiteSpace(body) ? "(no error body)" : Shorten(body!);
            var expired = status == 403 && msg!.IndexOf("expired", StringComparison.OrdinalIgnoreCase) >= 0;
            var kind = code switch
            {
                "RequestTimeout" => MetaStudioErrorKind.Timeout,
                "SlowDown" or "ServiceUnavailable" => MetaStudioErrorKind.ServiceUnavailable,
                "InternalError" => MetaStudioErrorKind.ServiceError,
                "SignatureDoesNotMatch" or "AccessDenied" => MetaStudioErrorKind.PermissionDenied,
                "MissingContentLength" or "EntityTooLarge" or "BadDigest" or "IncompleteBody" => MetaStudioErrorKind.InvalidArgument,
                _ => KindOf(status, code!),
            };
            var advice = expired || code == "SignatureDoesNotMatch" || code == "AccessDenied"
                ? "The upload URL is expired or no longer matches the request. Run Send-VoiceTrainingData -JobId <id> -Path <data>, which asks the service for fresh upload URLs."
                : Advice(kind, code!);
            var message = $"The training data upload failed (HTTP {status} {code}): {msg}" +
                          (requestId != null ? $" (request id {requestId})" : "") + ". " + advice;
            return new ObjectStorageException(status, code!, msg!, requestId, kind, message);
        }

        private static void FindCodeAndMessage(JsonElement e, int depth, ref string? code, ref string? msg, ref string? requestId)
        {
            if (e.ValueKind != JsonValueKind.Object || depth > 3) return;
            // The SDKs try these pairs in order, then look into nested objects.
            foreach (var (c, m) in new[] { ("error_code", "error_msg"), ("errorCode", "errorMsg"), ("code", "message") })
            {
                if (e.TryGetProperty(c, out var cv) && code == null)
                {
                    code = cv.ValueKind == JsonValueKind.String ? cv.GetString() : cv.ToString();
                    if (e.TryGetProperty(m, out var mv)) msg = mv.ValueKind == JsonValueKind.String ? mv.GetString() : mv.ToString();
                }
            }
            if (requestId == null && e.TryGetProperty("request_id", out var rid) && rid.ValueKind == JsonValueKind.String)
                requestId = rid.GetString();
            if (code != null) return;
            foreach (var p in e.EnumerateObject())
            {
                FindCodeAndMessage(p.Value, depth + 1, ref code, ref msg, ref requestId);
                if (code != null) return;
            }
        }

        private static void ReadObsXml(string body, out string? code, out string? msg, out string? requestId)
        {
            code = msg = requestId = null;
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 1 << 20 };
            using var reader = XmlReader.Create(new StringReader(body), settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1) continue;
                switch (reader.LocalName)
                {
                    case "Code": code = reader.ReadElementContentAsString(); break;
                    case "Message": msg = reader.ReadElementContentAsString(); break;
                    case "RequestId": requestId = reader.ReadElementContentAsString(); break;
                }
            }
        }

        internal static MetaStudioErrorKind KindOf(int status, string code)
        {
            switch (code)
            {
                case "APIGW.0308": return MetaStudioErrorKind.Throttled;
                case "APIGW.0301": case "APIG.0301": case "APIGW.0101": case "MSS.00010008": case "MSS.000000004":
                    return MetaStudioErrorKind.Authentication;
                case "MSS.00010009": return MetaStudioErrorKind.PermissionDenied;
                case "MSS.00010003": case "MSS.10001001": return MetaStudioErrorKind.NotFound;
            }
            if (status == 401) return MetaStudioErrorKind.Authentication;
            if (status == 403) return MetaStudioErrorKind.PermissionDenied;
            if (status == 404) return MetaStudioErrorKind.NotFound;
            if (status == 408) return MetaStudioErrorKind.Timeout;
            if (status == 429) return MetaStudioErrorKind.Throttled;
            if (status == 503) return MetaStudioErrorKind.ServiceUnavailable;
            if (status >= 500) return MetaStudioErrorKind.ServiceError;
            return MetaStudioErrorKind.InvalidArgument;
        }

        private static string Advice(MetaStudioErrorKind kind, string code) => code switch
        {
            "MSS.00010009" => "The project id does not belong to this token; run Connect-MetaStudio with the -ProjectId of the token's project.",
            _ => kind switch
            {
                MetaStudioErrorKind.Authentication => "The credentials were refused or have expired; run Connect-MetaStudio again.",
                MetaStudioErrorKind.PermissionDenied => "The account lacks permission for this operation; check its IAM policies.",
                MetaStudioErrorKind.Throttled => "The service is throttling requests; wait a moment and try again.",
                MetaStudioErrorKind.NotFound => "Check the job id and the endpoint.",
                MetaStudioErrorKind.ServiceUnavailable or MetaStudioErrorKind.ServiceError or MetaStudioErrorKind.Timeout
                    => "The service could not complete the request; try again later and quote the request id if it persists.",
                _ => "Check the values you passed.",
            },
        };

        private static string Shorten(string body)
        {
            var s = body.Trim();
            return s.Length <= MaxShownBody ? s : s.Substring(0, MaxShownBody) + "…";
        }
    }
}
