namespace Platform.Jobs.Training;

/// <summary>Section Platform:Training.</summary>
public sealed class TrainingOptions
{
    public const string Section = "Platform:Training";

    /// <summary>How long a run's lease lasts without renewal; a worker that stops renewing loses the run after this.</summary>
    public double LeaseSeconds { get; set; } = 30;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>Renewals come this often (a sixth of the lease), so a few missed ones do not lose it.</summary>
    public TimeSpan RenewEvery => TimeSpan.FromSeconds(LeaseSeconds / 6);
}
