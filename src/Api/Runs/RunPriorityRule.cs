namespace Platform.Api.Runs;

/// <summary>One check of a requested priority for Train, a sweep and a waiting run's page.</summary>
public static class RunPriorityRule
{
    public static Validation CheckPriority(this Validation validation, RunPriority priority) =>
        Enum.IsDefined(priority) ? validation : validation.Add("priority", "The priority must be Low, Normal or High.");
}
