global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Routing;
global using Microsoft.EntityFrameworkCore;
global using Platform.Contracts;
global using Platform.Storage.Data;
global using Platform.Storage.Entities;
