using System.Globalization;
using System.Text.RegularExpressions;
using Shouldly;

namespace Platform.Api.Tests.Operations;

/// <summary>Reads samples out of Prometheus' text exposition format.</summary>
public static partial class PrometheusText
{
    /// <summary>The sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/> (summed when several match).</summary>
    public static double Value(string exposition, string metric, params string[] labels)
    {
        var samples = Sample().Matches(exposition).Where(m => m.Groups["name"].Value == metric && labels.All(m.Groups["labels"].Value.Contains)).ToList();
        samples.ShouldNotBeEmpty($"{metric} {string.Join(",", labels)} is not in:\n{exposition}");
        return samples.Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
