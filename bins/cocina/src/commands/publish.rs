//! `cocina publish`: the open-data package and the static site of a
//! delivery.

use anyhow::Context;
use cocina_publication::{PublishOptions, publish};

use crate::cli::PublishArgs;
use crate::{Outcome, outln};

pub(crate) fn run(args: &PublishArgs, out: &mut String) -> anyhow::Result<Outcome> {
    let options = PublishOptions {
        reference: args.reference.clone(),
        ..PublishOptions::default()
    };
    let summary = publish(&args.delivery, &args.out, &options).with_context(|| {
        format!(
            "could not publish the delivery in {} (no se pudo publicar la entrega)",
            args.delivery.display()
        )
    })?;
    outln!(
        out,
        "Entrega {}: {} cocinas, {} archivos de datos en {}, {} páginas en {}.",
        summary.delivery_id,
        summary.kitchens,
        summary.package_files,
        summary.package_dir.display(),
        summary.pages,
        args.out.display()
    );
    outln!(
        out,
        "Delivery {}: {} kitchens, {} data files in {}, {} pages in {}.",
        summary.delivery_id,
        summary.kitchens,
        summary.package_files,
        summary.package_dir.display(),
        summary.pages,
        args.out.display()
    );
    if summary.kitchens_without_page > 0 {
        outln!(
            out,
            "{} cocinas tienen una clave que no puede ser nombre de archivo: están en los datos, \
             sin página propia. / {} kitchens have a key that cannot be a file name: they are in \
             the data, without a page of their own.",
            summary.kitchens_without_page,
            summary.kitchens_without_page
        );
    }
    if summary.errors > 0 {
        outln!(
            out,
            "La validación encontró {} errores: véase /calidad. / Validation found {} errors: see \
             /en/quality.",
            summary.errors,
            summary.errors
        );
    }
    Ok(Outcome::Clean)
}
