using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>
/// Copies a problem's per-field messages to a form. Messages about one label ("Labels[2].Name") go to the labels editor,
/// not to the project's own Name field that <see cref="FieldErrors.AddFrom"/> would match by suffix.
/// </summary>
public static class ProblemFields
{
    public const string Labels = "Labels";

    /// <summary>Returns the messages that belong to none of <paramref name="fields"/> (null when none are left).</summary>
    public static string? Apply(FieldErrors errors, PlatformApiException ex, params string[] fields)
    {
        if (ex.Problem?.Errors is not { Count: > 0 } problems) return ex.UserMessage;
        var rest = new List<string>();
        foreach (var (key, messages) in problems)
        {
            var field = key.StartsWith(Labels, StringComparison.OrdinalIgnoreCase) && fields.Contains(Labels)
                ? Labels
                : fields.FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase)
                    || key.EndsWith("." + f, StringComparison.OrdinalIgnoreCase));
            if (field is null) rest.AddRange(messages);
            else
            {
                var message = string.Join(" ", messages);
                errors.Set(field, errors.Get(field) is { } earlier ? earlier + " " + message : message);
            }
        }
        return rest.Count == 0 ? null : string.Join(" ", rest);
    }
}
