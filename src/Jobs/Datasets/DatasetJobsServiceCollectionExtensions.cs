using Microsoft.Extensions.DependencyInjection;
using Platform.Jobs.Operations;

namespace Platform.Jobs.Datasets;

public static class DatasetJobsServiceCollectionExtensions
{
    public static IServiceCollection AddDatasetJobs(this IServiceCollection services)
    {
        services.AddScoped<UploadExtractor>();
        services.AddScoped<ImageChecker>();
        services.AddScoped<VersionWriter>();
        services.AddScoped<DatasetPurger>();
        services.AddScoped<IOperationHandler, ImportDatasetHandler>();
        services.AddScoped<IOperationHandler, SplitDatasetHandler>();
        services.AddScoped<IOperationHandler, ExportDatasetHandler>();
        return services;
    }
}
