using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// Like ValidateSet (case-insensitive), but an empty string passes as "not given": Import-Csv
    /// gives empty cells as "", and a CSV with a blank optional column must still bind.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateSetOrEmptyAttribute : ValidateEnumeratedArgumentsAttribute
    {
        public ValidateSetOrEmptyAttribute(params string[] validValues) => ValidValues = validValues;

        public IReadOnlyList<string> ValidValues { get; }

        protected override void ValidateElement(object element)
        {
            var value = (element is PSObject pso ? pso.BaseObject : element)?.ToString();
            if (string.IsNullOrEmpty(value)) return;
            if (!ValidValues.Contains(value, StringComparer.OrdinalIgnoreCase))
                throw new ValidationMetadataException(
                    $"'{value}' is not one of the allowed values: {string.Join(", ", ValidValues)}.");
        }
    }
}
