using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Lifecycle
{
    /// <summary>Reads quota and duration answers, naming editions the way the module does.</summary>
    internal static class Quotas
    {
        // resource_available_nums keys → edition names; unknown keys pass through as the service names them.
        private static readonly Dictionary<string, string> QuotaNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["advance"] = nameof(VoiceTrainingEdition.Premium),
            ["basic"] = nameof(VoiceTrainingEdition.Basic),
            ["middle"] = nameof(VoiceTrainingEdition.Advanced),
            ["middle_on_demand"] = "AdvancedOnDemand",
            ["third_party_cmww"] = nameof(VoiceTrainingEdition.ThirdParty),
            ["flexus"] = "Flexus",
        };

        // tenant-duration-cfg prefixes (basic_min_value, ...).
        private static readonly Dictionary<string, string> DurationNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["advance"] = nameof(VoiceTrainingEdition.Premium),
            ["basic"] = nameof(VoiceTrainingEdition.Basic),
            ["middle"] = nameof(VoiceTrainingEdition.Advanced),
            ["cmww"] = nameof(VoiceTrainingEdition.ThirdParty),
            ["ljzn"] = "ThirdPartyLjzn",
            ["flexus"] = "Flexus",
            ["short_assess"] = "ShortAssess",
        };

        public static IEnumerable<VoiceTrainingQuota> From(QuotasResponse response)
        {
            foreach (var kv in response.ResourceAvailableNums ?? new Dictionary<string, JsonElement>())
            {
                if (!TryInt(kv.Value, out var available)) continue;
                yield return new VoiceTrainingQuota
                {
                    Edition = QuotaNames.TryGetValue(kv.Key, out var name) ? name : kv.Key,
                    ResourceName = kv.Key,
                    Available = available,
                };
            }
        }

        /// <summary>The quota for an edition, or null when the service does not report it.</summary>
        public static int? AvailableFor(QuotasResponse response, VoiceTrainingEdition edition)
            => From(response).FirstOrDefault(q => q.Edition == edition.ToString())?.Available;

        public static IEnumerable<VoiceTrainingDurationLimit> Durations(TenantDurationCfgResponse response)
        {
            var limits = new Dictionary<string, VoiceTrainingDurationLimit>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in response.Values ?? new Dictionary<string, JsonElement>())
            {
                var (prefix, kind) = Split(kv.Key);
                if (prefix == null || !TryDouble(kv.Value, out var seconds)) continue;
                if (!limits.TryGetValue(prefix, out var limit))
                {
                    limit = new VoiceTrainingDurationLimit { Edition = DurationNames.TryGetValue(prefix, out var name) ? name : prefix };
                    limits[prefix] = limit;
                }
                var value = TimeSpan.FromSeconds(seconds);
                if (kind == "min") limit.Minimum = value;
                else if (kind == "max") limit.Maximum = value;
                else limit.Advised = value;
            }
            return limits.Values;
        }

        private static (string? Prefix, string? Kind) Split(string key)
        {
            var k = key.EndsWith("_value", StringComparison.OrdinalIgnoreCase) ? key.Substring(0, key.Length - 6) : key;
            foreach (var kind in new[] { "min", "max", "advice" })
                if (k.EndsWith("_" + kind, StringComparison.OrdinalIgnoreCase))
                    return (k.Substring(0, k.Length - kind.Length - 1), kind);
            return (null, null);
        }

        private static bool TryInt(JsonElement e, out int value)
        {
            value = 0;
            if (e.ValueKind == JsonValueKind.Number) return e.TryGetInt32(out value);
            return e.ValueKind == JsonValueKind.String && int.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
        }

        private static bool TryDouble(JsonElement e, out double value)
        {
            value = 0;
            if (e.ValueKind == JsonValueKind.Number) return e.TryGetDouble(out value);
            return e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
