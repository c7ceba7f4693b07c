//! Every visible string of the pages, in Spanish and English, in one place.
//!
//! [`Labels`] is one struct with a field per string, and [`labels`] returns
//! its Spanish or English instance: a string added to one language and not
//! the other does not compile. A few strings carry `{n}` or `{total}`
//! placeholders, filled by [`fill`]; those whose wording follows a count
//! are a [`Plural`], so a page never says "1 advertencias".

use cocina_model::{AgeGroup, KitchenStatus, Lang, Sex};

/// The strings of the pages in one language.
#[derive(Debug)]
pub(crate) struct Labels {
    /// The language of these labels, whose counts are written with
    /// [`Lang::number`].
    pub(crate) lang: Lang,
    pub(crate) site_name: &'static str,
    pub(crate) tagline: &'static str,
    pub(crate) skip_link: &'static str,
    pub(crate) nav_label: &'static str,
    pub(crate) nav_overview: &'static str,
    pub(crate) nav_kitchens: &'static str,
    pub(crate) nav_api: &'static str,
    /// The language switch's text, written in the language it leads to.
    pub(crate) switch_text: &'static str,
    pub(crate) footer_sources: &'static str,
    pub(crate) footer_privacy: &'static str,
    /// Introduces the footer's links for programs.
    pub(crate) footer_programs: &'static str,
    /// The portal's API, linked to its OpenAPI document.
    pub(crate) footer_openapi: &'static str,
    /// The package's description, `datapackage.json`.
    pub(crate) footer_package: &'static str,

    pub(crate) overview_title: &'static str,
    pub(crate) no_data: &'static str,
    pub(crate) delivery_heading: &'static str,
    pub(crate) delivery_received: &'static str,
    pub(crate) delivery_request: &'static str,
    pub(crate) figures_heading: &'static str,
    pub(crate) status_caption: &'static str,
    pub(crate) status_col: &'static str,
    pub(crate) kitchens_col: &'static str,
    pub(crate) total: &'static str,
    pub(crate) beneficiaries_heading: &'static str,
    pub(crate) beneficiaries_total: &'static str,
    pub(crate) beneficiaries_caption: &'static str,
    pub(crate) age_group_col: &'static str,
    pub(crate) sex_not_recorded: &'static str,
    pub(crate) no_beneficiaries: &'static str,
    pub(crate) suppressed_small_title: &'static str,
    pub(crate) suppressed_other: &'static str,
    pub(crate) suppressed_other_title: &'static str,
    pub(crate) suppression_note_small: &'static str,
    pub(crate) suppression_note_other: &'static str,
    pub(crate) map_heading: &'static str,
    pub(crate) map_title: &'static str,
    pub(crate) map_desc: &'static str,
    pub(crate) legend_caption: &'static str,
    pub(crate) legend_classes: [&'static str; 5],
    pub(crate) legend_point: &'static str,
    pub(crate) municipalities_heading: &'static str,
    pub(crate) municipalities_caption: &'static str,
    pub(crate) key_col: &'static str,
    pub(crate) municipality_col: &'static str,
    pub(crate) beneficiaries_col: &'static str,
    pub(crate) municipalities_note: &'static str,
    pub(crate) unplaced_row: &'static str,
    pub(crate) unlisted_row: &'static str,
    /// `{n}` errors and `{total}` warnings.
    /// Holds `{errors}` and `{warnings}`, each filled from its [`Plural`].
    pub(crate) findings_note: &'static str,
    pub(crate) errors_count: Plural,
    pub(crate) warnings_count: Plural,
    /// Marks a municipality name as written that is not an official one.
    pub(crate) unknown_municipality: &'static str,
    /// Stands for the municipality when the name written is unknown and
    /// withheld: it follows the label "Municipio".
    pub(crate) municipality_unrecognised: &'static str,
    pub(crate) ambiguous_municipality: &'static str,
    pub(crate) see_list: &'static str,

    pub(crate) list_title: &'static str,
    pub(crate) filter_heading: &'static str,
    pub(crate) all_municipalities: &'static str,
    /// The search box's label: what the search looks in.
    pub(crate) search_label: &'static str,
    pub(crate) filter_button: &'static str,
    pub(crate) clear_filter: &'static str,
    pub(crate) shown_count: Plural,
    /// The list's size when nothing narrows it: `{n}` kitchens.
    pub(crate) kitchens_count: Plural,
    /// Heads what the address asked that the list did not understand.
    pub(crate) notice_heading: &'static str,
    /// An unknown parameter, `{name}`, with the ones the list takes.
    pub(crate) notice_unknown: &'static str,
    /// A municipality parameter, `{name}`, whose value is not a key.
    pub(crate) notice_bad_municipality: &'static str,
    /// A page parameter, `{name}`, whose value is not a page number.
    pub(crate) notice_bad_page: &'static str,
    /// A parameter, `{name}`, given more than once.
    pub(crate) notice_repeated: &'static str,
    /// The search text was cut to `{n}` characters.
    pub(crate) notice_text_cut: &'static str,
    /// The page asked for is past the last, `{n}`, which is shown.
    pub(crate) notice_past_last_page: Plural,
    pub(crate) pages_label: &'static str,
    pub(crate) page_of: &'static str,
    pub(crate) previous_page: &'static str,
    pub(crate) next_page: &'static str,
    pub(crate) list_caption: &'static str,
    pub(crate) name_col: &'static str,
    pub(crate) no_match: &'static str,
    /// The list is empty and nothing narrows it.
    pub(crate) list_empty: &'static str,

    pub(crate) details_heading: &'static str,
    pub(crate) locality: &'static str,
    pub(crate) capacity: &'static str,
    pub(crate) capacity_people: &'static str,
    pub(crate) opened: &'static str,
    pub(crate) closed: &'static str,
    pub(crate) location: &'static str,
    pub(crate) no_location: &'static str,
    /// A missing value of a masculine field (municipio); English has one
    /// form for both.
    pub(crate) not_given: &'static str,
    /// A missing value of a feminine field (localidad, capacidad, fecha).
    pub(crate) not_given_feminine: &'static str,
    pub(crate) kitchen_map_title: &'static str,
    pub(crate) kitchen_map_desc: &'static str,
    /// Names the highlighted municipality; `{name}` is its name.
    pub(crate) locator_caption: &'static str,
    pub(crate) kitchen_beneficiaries_caption: &'static str,
    pub(crate) source_heading: &'static str,
    pub(crate) back_to_list: &'static str,

    pub(crate) not_found_title: &'static str,
    pub(crate) not_found_text: &'static str,
    /// Introduces the 404 page's links.
    pub(crate) not_found_links: &'static str,

    pub(crate) nav_documents: &'static str,
    pub(crate) nav_downloads: &'static str,
    pub(crate) nav_quality: &'static str,
    pub(crate) nav_deliveries: &'static str,

    pub(crate) chart_title: &'static str,
    pub(crate) chart_desc: &'static str,
    pub(crate) area_figures_heading: &'static str,
    pub(crate) district: &'static str,
    pub(crate) region: &'static str,
    pub(crate) area_kitchens_heading: &'static str,
    pub(crate) area_kitchens_caption: &'static str,
    pub(crate) no_kitchens: &'static str,
    pub(crate) area_map_title: &'static str,
    pub(crate) area_map_desc: &'static str,
    /// Names the area drawn in colour; `{name}` is its name.
    pub(crate) area_map_caption: &'static str,
    pub(crate) region_title: &'static str,
    pub(crate) regions_heading: &'static str,
    pub(crate) regions_caption: &'static str,
    pub(crate) municipalities_col: &'static str,
    pub(crate) region_municipalities_caption: &'static str,
    pub(crate) back_to_overview: &'static str,
    pub(crate) see_municipality: &'static str,

    pub(crate) documents_title: &'static str,
    pub(crate) documents_intro: &'static str,
    pub(crate) documents_caption: &'static str,
    pub(crate) file_col: &'static str,
    pub(crate) answers_col: &'static str,
    pub(crate) format_col: &'static str,
    pub(crate) size_col: &'static str,
    pub(crate) sha256_col: &'static str,
    pub(crate) no_documents: &'static str,

    pub(crate) downloads_title: &'static str,
    pub(crate) downloads_intro: &'static str,
    pub(crate) downloads_caption: &'static str,
    pub(crate) contents_col: &'static str,
    pub(crate) package_link: &'static str,
    pub(crate) licence_note: &'static str,

    pub(crate) quality_title: &'static str,
    pub(crate) completeness_heading: &'static str,
    /// `{n}` items received of `{total}` requested.
    pub(crate) completeness_summary: Plural,
    pub(crate) completeness_caption: &'static str,
    pub(crate) item_col: &'static str,
    pub(crate) received_col: &'static str,
    pub(crate) files_col: &'static str,
    pub(crate) yes: &'static str,
    pub(crate) no: &'static str,
    pub(crate) no_items: &'static str,
    pub(crate) scorecard_heading: &'static str,
    pub(crate) scorecard_caption: &'static str,
    pub(crate) code_col: &'static str,
    pub(crate) rule_col: &'static str,
    pub(crate) severity_col: &'static str,
    pub(crate) findings_col: &'static str,
    /// A rule that needs reference data the delivery was not checked with.
    pub(crate) not_checked: &'static str,
    /// Heading of a kitchen's history across deliveries.
    pub(crate) history_title: &'static str,
    /// Caption of the history table.
    pub(crate) history_caption: &'static str,
    /// Column: the delivery.
    pub(crate) delivery_col: &'static str,
    /// Column: the date the delivery was received.
    pub(crate) received_on_col: &'static str,
    /// Column: what changed since the delivery before.
    pub(crate) change_col: &'static str,
    /// The kitchen first appears.
    pub(crate) change_first: &'static str,
    /// Its status changed.
    pub(crate) change_status: &'static str,
    /// Its point or municipality changed.
    pub(crate) change_moved: &'static str,
    /// Nothing changed.
    pub(crate) change_none: &'static str,
    /// Link from a kitchen to its history.
    pub(crate) history_link: &'static str,
    /// Link from the history back to the kitchen.
    pub(crate) back_to_kitchen: &'static str,
    pub(crate) severity_error: &'static str,
    pub(crate) severity_warning: &'static str,
    pub(crate) severity_notice: &'static str,
    pub(crate) report_link: &'static str,

    /// Heading of the list of every delivery.
    pub(crate) deliveries_title: &'static str,
    pub(crate) deliveries_intro: &'static str,
    pub(crate) deliveries_caption: &'static str,
    /// The static site's list of deliveries, which holds one.
    pub(crate) deliveries_intro_site: &'static str,
    pub(crate) deliveries_caption_site: &'static str,
    /// Column: the delivery's findings, as "3 errores, 1 advertencia".
    pub(crate) validation_col: &'static str,
    /// Column: links to the delivery's own pages.
    pub(crate) pages_col: &'static str,
    /// Marks the delivery the pages without a delivery show.
    pub(crate) shown_delivery: &'static str,
    /// Link to a delivery's downloads.
    pub(crate) delivery_downloads_link: &'static str,
    /// Link to a delivery's scorecard.
    pub(crate) delivery_quality_link: &'static str,
    /// Link to the list of every delivery.
    pub(crate) all_deliveries_link: &'static str,
    /// Link from the page of the latest delivery to its stable address.
    pub(crate) permanent_link: &'static str,
    /// Joins the errors and warnings of a delivery in a table cell.
    pub(crate) findings_short: &'static str,
}

const ES: Labels = Labels {
    lang: Lang::Es,
    site_name: "Cocina Abierta",
    tagline: "Datos abiertos de las cocinas comedor nutricional comunitarias de Oaxaca",
    skip_link: "Saltar al contenido",
    nav_label: "Navegación principal",
    nav_overview: "Panorama",
    nav_kitchens: "Cocinas",
    nav_api: "Datos (GeoJSON)",
    switch_text: "English",
    footer_sources: "Datos: entrega del Sistema DIF Oaxaca en respuesta a una solicitud de \
                     información. Límites municipales: INEGI, Marco Geoestadístico.",
    footer_privacy: "No se publican datos personales. Las cifras pequeñas se suprimen para que \
                     nadie pueda ser identificado.",
    footer_programs: "Para programas:",
    footer_openapi: "API (documento OpenAPI)",
    footer_package: "descripción de los datos y sus columnas (datapackage.json)",

    overview_title: "Cocinas comedor nutricional comunitarias de Oaxaca",
    no_data: "Todavía no se ha cargado ninguna entrega.",
    delivery_heading: "Entrega",
    delivery_received: "Recibida el",
    delivery_request: "Folio de la solicitud",
    figures_heading: "Cifras del estado",
    status_caption: "Cocinas por estatus",
    status_col: "Estatus",
    kitchens_col: "Cocinas",
    total: "Total",
    beneficiaries_heading: "Personas beneficiarias",
    beneficiaries_total: "Total de personas beneficiarias",
    beneficiaries_caption: "Personas beneficiarias por grupo de edad y sexo",
    age_group_col: "Grupo de edad",
    sex_not_recorded: "Sexo sin dato",
    no_beneficiaries: "No hay personas beneficiarias registradas.",
    suppressed_small_title: "Suprimido: menos de {n} personas",
    suppressed_other: "suprimido",
    suppressed_other_title: "Suprimido (complementaria): {n} o más personas, ocultas para que \
                             otra cifra no pueda deducirse",
    suppression_note_small: "«<{n}»: menos de {n} personas, cifra suprimida por pequeña \
                             (supresión primaria). Dentro de una cifra «<{n}» los ceros se \
                             muestran igual, para no revelar qué celdas tienen a alguien.",
    suppression_note_other: "«suprimido»: {n} o más personas, cifra oculta para que una cifra \
                             pequeña, de esta zona o de otra, no pueda deducirse restando de \
                             las cifras publicadas (supresión complementaria).",
    map_heading: "Mapa",
    map_title: "Mapa de los municipios de Oaxaca y sus cocinas",
    map_desc: "Cada municipio está sombreado según su número de cocinas; cada punto es una \
               cocina con ubicación validada. La tabla de municipios da las mismas cifras.",
    legend_caption: "Cocinas por municipio",
    legend_classes: ["Ninguna", "1", "2 a 4", "5 a 9", "10 o más"],
    legend_point: "Cocina con ubicación validada",
    municipalities_heading: "Cocinas por municipio",
    municipalities_caption: "Municipios con al menos una cocina",
    key_col: "Clave",
    municipality_col: "Municipio",
    beneficiaries_col: "Personas beneficiarias",
    municipalities_note: "Los municipios que no aparecen no tienen cocinas en esta entrega. \
                          Las últimas filas cuentan lo que no tiene un municipio válido, para \
                          que la tabla sume los totales del estado.",
    unplaced_row: "Sin municipio válido (nombre desconocido o ambiguo)",
    unlisted_row: "Registradas en cocinas que no están en la lista",
    findings_note: "La validación de esta entrega encontró {errors} y {warnings}.",
    errors_count: Plural {
        one: "{n} error",
        other: "{n} errores",
    },
    warnings_count: Plural {
        one: "{n} advertencia",
        other: "{n} advertencias",
    },
    unknown_municipality: "municipio desconocido",
    municipality_unrecognised: "Desconocido (el nombre escrito no es el de un municipio de \
                                Oaxaca)",
    ambiguous_municipality: "municipio ambiguo",
    see_list: "Ver la lista de cocinas",

    list_title: "Lista de cocinas",
    filter_heading: "Filtrar la lista",
    all_municipalities: "Todos los municipios",
    search_label: "Buscar en nombre, municipio o localidad",
    filter_button: "Filtrar",
    clear_filter: "Quitar el filtro",
    shown_count: Plural {
        one: "{n} de {total} cocinas coincide.",
        other: "{n} de {total} cocinas coinciden.",
    },
    kitchens_count: Plural {
        one: "{n} cocina.",
        other: "{n} cocinas.",
    },
    notice_heading: "Parte de la dirección no se entendió y no se aplicó:",
    notice_unknown: "«{name}» no es un filtro de esta lista. La lista entiende municipio, q y \
                     pagina (también en inglés: municipality y page).",
    notice_bad_municipality: "«{name}» debe ser la clave INEGI de un municipio de Oaxaca, como \
                              067 o 20067; se muestran todos los municipios.",
    notice_bad_page: "«{name}» debe ser un número de página desde 1; se muestra la primera.",
    notice_repeated: "«{name}» aparece más de una vez; se usa el primer valor.",
    notice_text_cut: "El texto buscado se acortó a sus primeros {n} caracteres.",
    notice_past_last_page: Plural {
        one: "La página pedida no existe: la lista tiene una sola página, que se muestra.",
        other: "La página pedida no existe: la lista tiene {n} páginas; se muestra la última.",
    },
    pages_label: "Páginas de la lista",
    page_of: "Página {n} de {total}",
    previous_page: "Página anterior",
    next_page: "Página siguiente",
    list_caption: "Cocinas de la entrega",
    name_col: "Nombre",
    no_match: "Ninguna cocina coincide con el filtro.",
    list_empty: "La entrega no tiene cocinas.",

    details_heading: "Datos de la cocina",
    locality: "Localidad",
    capacity: "Capacidad declarada",
    capacity_people: "personas",
    opened: "Fecha de apertura",
    closed: "Fecha de cierre",
    location: "Ubicación (latitud, longitud)",
    no_location: "Sin ubicación validada: las coordenadas faltan o no caen dentro del \
                  municipio indicado.",
    not_given: "No indicado",
    not_given_feminine: "No indicada",
    kitchen_map_title: "Ubicación de la cocina en su municipio",
    kitchen_map_desc: "Mapa del municipio de la cocina y sus vecinos; el punto marca la \
                       cocina cuando su ubicación está validada.",
    locator_caption: "En color: municipio de {name}, con sus vecinos.",
    kitchen_beneficiaries_caption: "Personas beneficiarias de la cocina por grupo de edad y sexo",
    source_heading: "Origen de los datos",
    back_to_list: "Volver a la lista de cocinas",

    not_found_title: "Página no encontrada",
    not_found_text: "No hay ninguna página en esta dirección. Puede que la dirección tenga un \
                     error o que lo que buscaba ya no esté publicado aquí.",
    not_found_links: "Puede seguir desde el panorama o desde una de las listas:",
    nav_documents: "Documentos",
    nav_downloads: "Descargas",
    nav_quality: "Calidad de la entrega",
    nav_deliveries: "Entregas",

    chart_title: "Gráfica de personas beneficiarias por grupo de edad y sexo",
    chart_desc: "Barras horizontales, una por sexo en cada grupo de edad. Las cifras \
                 suprimidas no se dibujan. La tabla da las mismas cifras.",
    area_figures_heading: "Cifras",
    district: "Distrito",
    region: "Región",
    area_kitchens_heading: "Cocinas",
    area_kitchens_caption: "Cocinas de la entrega en esta zona",
    no_kitchens: "Esta entrega no tiene cocinas aquí.",
    area_map_title: "Mapa de la zona y sus cocinas",
    area_map_desc: "La zona está en color, con los municipios vecinos; cada punto es una \
                    cocina con ubicación validada. La lista de cocinas da los mismos datos.",
    area_map_caption: "En color: {name}. Cada punto es una cocina con ubicación validada.",
    region_title: "Región",
    regions_heading: "Cocinas por región",
    regions_caption: "Regiones de Oaxaca",
    municipalities_col: "Municipios",
    region_municipalities_caption: "Municipios de la región con al menos una cocina",
    back_to_overview: "Volver al panorama del estado",
    see_municipality: "Ver las cifras y las cocinas del municipio",

    documents_title: "Documentos de la entrega",
    documents_intro: "Archivos que entregó el Sistema DIF Oaxaca. Aquí se publican sus datos \
                      y su huella SHA-256, que prueba de qué versión se trata; los archivos \
                      con datos personales no se publican.",
    documents_caption: "Archivos de la entrega",
    file_col: "Archivo",
    answers_col: "Responde a",
    format_col: "Formato",
    size_col: "Tamaño",
    sha256_col: "SHA-256",
    no_documents: "La entrega no tiene archivos.",

    downloads_title: "Descargas: datos abiertos",
    downloads_intro: "Los datos publicados de esta entrega, sin datos personales y con las \
                      cifras pequeñas suprimidas, como paquete de datos Frictionless (CSV, \
                      GeoJSON y JSON con su esquema) y como un libro de Excel.",
    downloads_caption: "Archivos del paquete de datos",
    contents_col: "Contenido",
    package_link: "Descripción del paquete (datapackage.json)",
    licence_note: "Licencia: Creative Commons Atribución 4.0 (CC BY 4.0). Cite a Cocina \
                   Abierta, al Sistema DIF Oaxaca y, para los límites y la población, al INEGI \
                   y al CONAPO.",

    quality_title: "Calidad de la entrega",
    completeness_heading: "Lo que se pidió y lo que llegó",
    completeness_summary: Plural {
        one: "Llegó {n} de {total} partidas solicitadas.",
        other: "Llegaron {n} de {total} partidas solicitadas.",
    },
    completeness_caption: "Partidas de la solicitud de información",
    item_col: "Partida solicitada",
    received_col: "¿Llegó?",
    files_col: "Archivos",
    yes: "Sí",
    no: "No",
    no_items: "La entrega no dice qué se solicitó.",
    scorecard_heading: "Resultado de la validación",
    scorecard_caption: "Hallazgos por regla",
    code_col: "Código",
    rule_col: "Qué revisa",
    severity_col: "Gravedad",
    findings_col: "Hallazgos",
    not_checked: "no revisada (requiere --reference)",
    history_title: "Historia de la cocina",
    history_caption: "La cocina en cada entrega, de la más antigua a la más reciente",
    delivery_col: "Entrega",
    received_on_col: "Recibida",
    change_col: "Cambio",
    change_first: "aparece por primera vez",
    change_status: "cambia de estado",
    change_moved: "cambia de lugar",
    change_none: "sin cambios",
    history_link: "Historia de la cocina en todas las entregas",
    back_to_kitchen: "Volver a la cocina",
    severity_error: "Error",
    severity_warning: "Advertencia",
    severity_notice: "Aviso",
    report_link: "Informe de validación completo (JSON)",

    deliveries_title: "Entregas",
    deliveries_intro: "Cada entrega del Sistema DIF Oaxaca que guarda este portal, la última \
                       cargada primero. Las descargas y la calidad de cada una tienen una \
                       dirección propia que no cambia cuando llegan otras.",
    deliveries_caption: "Entregas guardadas en el portal",
    deliveries_intro_site: "La entrega del Sistema DIF Oaxaca que publica este sitio, con sus \
                            descargas y su calidad.",
    deliveries_caption_site: "Entrega publicada en este sitio",
    validation_col: "Validación",
    pages_col: "Páginas",
    shown_delivery: "la que se muestra",
    delivery_downloads_link: "Descargas de esta entrega",
    delivery_quality_link: "Calidad de esta entrega",
    all_deliveries_link: "Todas las entregas",
    permanent_link: "Dirección permanente de esta página, que no cambia al cargar otra entrega",
    findings_short: "{errors}, {warnings}",
};

const EN: Labels = Labels {
    lang: Lang::En,
    site_name: "Cocina Abierta",
    tagline: "Open data on Oaxaca's community nutritional kitchens",
    skip_link: "Skip to content",
    nav_label: "Main navigation",
    nav_overview: "Overview",
    nav_kitchens: "Kitchens",
    nav_api: "Data (GeoJSON)",
    switch_text: "Español",
    footer_sources: "Data: delivery from Sistema DIF Oaxaca in answer to a transparency \
                     request. Municipal boundaries: INEGI, Marco Geoestadístico.",
    footer_privacy: "No personal data is published. Small figures are suppressed so that \
                     nobody can be identified.",
    footer_programs: "For programs:",
    footer_openapi: "API (OpenAPI document)",
    footer_package: "description of the data and its columns (datapackage.json)",

    overview_title: "Oaxaca's community nutritional kitchens",
    no_data: "No delivery has been loaded yet.",
    delivery_heading: "Delivery",
    delivery_received: "Received on",
    delivery_request: "Request folio",
    figures_heading: "State figures",
    status_caption: "Kitchens by status",
    status_col: "Status",
    kitchens_col: "Kitchens",
    total: "Total",
    beneficiaries_heading: "Beneficiaries",
    beneficiaries_total: "Total beneficiaries",
    beneficiaries_caption: "Beneficiaries by age group and sex",
    age_group_col: "Age group",
    sex_not_recorded: "Sex not recorded",
    no_beneficiaries: "No beneficiaries are registered.",
    suppressed_small_title: "Suppressed: fewer than {n} people",
    suppressed_other: "suppressed",
    suppressed_other_title: "Suppressed (complementary): {n} or more people, hidden so that \
                             another figure cannot be worked out",
    suppression_note_small: "\"<{n}\": fewer than {n} people, a figure suppressed for being \
                             small (primary suppression). Within a \"<{n}\" figure zeros are \
                             shown the same way, so as not to reveal which cells hold anyone.",
    suppression_note_other: "\"suppressed\": {n} or more people, a figure hidden so that a \
                             small figure, of this area or another, cannot be worked out by \
                             subtracting from the published figures (complementary \
                             suppression).",
    map_heading: "Map",
    map_title: "Map of Oaxaca's municipalities and their kitchens",
    map_desc: "Each municipality is shaded by its number of kitchens; each dot is a kitchen \
               with a validated location. The table of municipalities gives the same figures.",
    legend_caption: "Kitchens per municipality",
    legend_classes: ["None", "1", "2 to 4", "5 to 9", "10 or more"],
    legend_point: "Kitchen with a validated location",
    municipalities_heading: "Kitchens by municipality",
    municipalities_caption: "Municipalities with at least one kitchen",
    key_col: "Key",
    municipality_col: "Municipality",
    beneficiaries_col: "Beneficiaries",
    municipalities_note: "Municipalities not listed have no kitchens in this delivery. The last \
                          rows count what has no valid municipality, so that the table adds \
                          up to the state's totals.",
    unplaced_row: "No valid municipality (unknown or ambiguous name)",
    unlisted_row: "Registered at kitchens not in the list",
    findings_note: "Validating this delivery found {errors} and {warnings}.",
    errors_count: Plural {
        one: "{n} error",
        other: "{n} errors",
    },
    warnings_count: Plural {
        one: "{n} warning",
        other: "{n} warnings",
    },
    unknown_municipality: "unknown municipality",
    municipality_unrecognised: "Unknown (the name written is not that of a municipality of \
                                Oaxaca)",
    ambiguous_municipality: "ambiguous municipality",
    see_list: "See the list of kitchens",

    list_title: "List of kitchens",
    filter_heading: "Filter the list",
    all_municipalities: "All municipalities",
    search_label: "Search name, municipality or locality",
    filter_button: "Filter",
    clear_filter: "Clear the filter",
    shown_count: Plural {
        one: "{n} of {total} kitchens matches.",
        other: "{n} of {total} kitchens match.",
    },
    kitchens_count: Plural {
        one: "{n} kitchen.",
        other: "{n} kitchens.",
    },
    notice_heading: "Part of the address was not understood and was not applied:",
    notice_unknown: "“{name}” is not a filter of this list. The list takes municipality, q and \
                     page (in Spanish too: municipio and pagina).",
    notice_bad_municipality: "“{name}” must be the INEGI key of a municipality of Oaxaca, such \
                              as 067 or 20067; all municipalities are shown.",
    notice_bad_page: "“{name}” must be a page number from 1; the first page is shown.",
    notice_repeated: "“{name}” appears more than once; the first value is used.",
    notice_text_cut: "The search text was cut to its first {n} characters.",
    notice_past_last_page: Plural {
        one: "The page asked for does not exist: the list has only one page, shown here.",
        other: "The page asked for does not exist: the list has {n} pages; the last one is \
                shown.",
    },
    pages_label: "Pages of the list",
    page_of: "Page {n} of {total}",
    previous_page: "Previous page",
    next_page: "Next page",
    list_caption: "Kitchens in the delivery",
    name_col: "Name",
    no_match: "No kitchen matches the filter.",
    list_empty: "The delivery has no kitchens.",

    details_heading: "About this kitchen",
    locality: "Locality",
    capacity: "Declared capacity",
    capacity_people: "people",
    opened: "Opening date",
    closed: "Closing date",
    location: "Location (latitude, longitude)",
    no_location: "No validated location: the coordinates are missing or fall outside the \
                  stated municipality.",
    not_given: "Not given",
    not_given_feminine: "Not given",
    kitchen_map_title: "Location of the kitchen in its municipality",
    kitchen_map_desc: "Map of the kitchen's municipality and its neighbours; the dot marks the \
                       kitchen when its location is validated.",
    locator_caption: "Shaded: the municipality of {name}, with its neighbours.",
    kitchen_beneficiaries_caption: "The kitchen's beneficiaries by age group and sex",
    source_heading: "Where the data comes from",
    back_to_list: "Back to the list of kitchens",

    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. The address may have a typo, or what \
                     you were looking for may no longer be published here.",
    not_found_links: "You can go on from the overview or one of the lists:",
    nav_documents: "Documents",
    nav_downloads: "Downloads",
    nav_quality: "Delivery quality",
    nav_deliveries: "Deliveries",

    chart_title: "Chart of beneficiaries by age group and sex",
    chart_desc: "Horizontal bars, one per sex in each age group. Suppressed figures are not \
                 drawn. The table gives the same figures.",
    area_figures_heading: "Figures",
    district: "District",
    region: "Region",
    area_kitchens_heading: "Kitchens",
    area_kitchens_caption: "Kitchens of the delivery in this area",
    no_kitchens: "This delivery has no kitchens here.",
    area_map_title: "Map of the area and its kitchens",
    area_map_desc: "The area is in colour, with its neighbouring municipalities; each dot is \
                    a kitchen with a validated location. The list of kitchens gives the same \
                    data.",
    area_map_caption: "In colour: {name}. Each dot is a kitchen with a validated location.",
    region_title: "Region",
    regions_heading: "Kitchens by region",
    regions_caption: "Regions of Oaxaca",
    municipalities_col: "Municipalities",
    region_municipalities_caption: "Municipalities of the region with at least one kitchen",
    back_to_overview: "Back to the state overview",
    see_municipality: "See the municipality's figures and kitchens",

    documents_title: "Documents of the delivery",
    documents_intro: "Files that Sistema DIF Oaxaca delivered. Their details and SHA-256 \
                      fingerprint, which proves which version is meant, are published here; \
                      files holding personal data are not.",
    documents_caption: "Files of the delivery",
    file_col: "File",
    answers_col: "Answers",
    format_col: "Format",
    size_col: "Size",
    sha256_col: "SHA-256",
    no_documents: "The delivery has no files.",

    downloads_title: "Downloads: open data",
    downloads_intro: "The published data of this delivery, without personal data and with \
                      small figures suppressed, as a Frictionless data package (CSV, GeoJSON \
                      and JSON with their schema) and as one Excel workbook.",
    downloads_caption: "Files of the data package",
    contents_col: "Contents",
    package_link: "Package description (datapackage.json)",
    licence_note: "Licence: Creative Commons Attribution 4.0 (CC BY 4.0). Credit Cocina \
                   Abierta, Sistema DIF Oaxaca and, for boundaries and population, INEGI and \
                   CONAPO.",

    quality_title: "Delivery quality",
    completeness_heading: "What was requested and what came",
    completeness_summary: Plural {
        one: "{n} of {total} requested items came.",
        other: "{n} of {total} requested items came.",
    },
    completeness_caption: "Items of the transparency request",
    item_col: "Requested item",
    received_col: "Came?",
    files_col: "Files",
    yes: "Yes",
    no: "No",
    no_items: "The delivery does not say what was requested.",
    scorecard_heading: "Validation result",
    scorecard_caption: "Findings by rule",
    code_col: "Code",
    rule_col: "What it checks",
    severity_col: "Severity",
    findings_col: "Findings",
    not_checked: "not checked (needs --reference)",
    history_title: "Kitchen history",
    history_caption: "The kitchen in each delivery, oldest first",
    delivery_col: "Delivery",
    received_on_col: "Received",
    change_col: "Change",
    change_first: "first appears",
    change_status: "status changes",
    change_moved: "moves",
    change_none: "no change",
    history_link: "The kitchen's history across deliveries",
    back_to_kitchen: "Back to the kitchen",
    severity_error: "Error",
    severity_warning: "Warning",
    severity_notice: "Notice",
    report_link: "Full validation report (JSON)",

    deliveries_title: "Deliveries",
    deliveries_intro: "Every delivery from Sistema DIF Oaxaca this portal holds, the one \
                       loaded last first. Each one's downloads and quality have an address of \
                       their own that does not change when others arrive.",
    deliveries_caption: "Deliveries held by the portal",
    deliveries_intro_site: "The delivery from Sistema DIF Oaxaca this site publishes, with its \
                            downloads and its quality.",
    deliveries_caption_site: "Delivery published on this site",
    validation_col: "Validation",
    pages_col: "Pages",
    shown_delivery: "the one shown",
    delivery_downloads_link: "This delivery's downloads",
    delivery_quality_link: "This delivery's quality",
    all_deliveries_link: "All deliveries",
    permanent_link: "Permanent address of this page, which does not change when another \
                     delivery is loaded",
    findings_short: "{errors}, {warnings}",
};

/// Returns the strings of `lang`.
pub(crate) fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

/// Replaces `{n}` and `{total}` in a label.
pub(crate) fn fill(label: &str, lang: Lang, n: u64, total: u64) -> String {
    label
        .replace("{n}", &lang.number(n))
        .replace("{total}", &lang.number(total))
}

/// A label whose wording agrees with a count: `one` for exactly one, `other`
/// for every other count (zero included, as both languages say "0 errores",
/// "0 errors").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plural {
    pub(crate) one: &'static str,
    pub(crate) other: &'static str,
}

impl Plural {
    /// Fills the form that agrees with `n`.
    pub(crate) fn fill(self, lang: Lang, n: u64, total: u64) -> String {
        fill(if n == 1 { self.one } else { self.other }, lang, n, total)
    }
}

/// The note on a delivery's validation: its errors and warnings, each worded
/// for its own count.
pub(crate) fn findings_note(t: &Labels, errors: u64, warnings: u64) -> String {
    t.findings_note
        .replace("{errors}", &t.errors_count.fill(t.lang, errors, 0))
        .replace("{warnings}", &t.warnings_count.fill(t.lang, warnings, 0))
}

/// A delivery's errors and warnings for a table cell: "3 errores, 1
/// advertencia".
pub(crate) fn findings_short(t: &Labels, errors: u64, warnings: u64) -> String {
    t.findings_short
        .replace("{errors}", &t.errors_count.fill(t.lang, errors, 0))
        .replace("{warnings}", &t.warnings_count.fill(t.lang, warnings, 0))
}

/// Returns a kitchen status as citizens read it.
pub(crate) fn status(status: KitchenStatus, lang: Lang) -> &'static str {
    lang.pick(status.spanish(), status.english())
}

/// Returns a column heading for a sex, or for records without one.
pub(crate) fn sex(sex: Option<Sex>, lang: Lang) -> &'static str {
    match sex {
        Some(sex) => lang.pick(sex.spanish(), sex.english()),
        None => labels(lang).sex_not_recorded,
    }
}

/// Returns an age group as citizens read it: "6 a 12 años", "60 years and
/// over".
pub(crate) fn age_group(group: AgeGroup, lang: Lang) -> String {
    match (group, lang) {
        (
            AgeGroup::Range {
                min,
                max: Some(max),
            },
            Lang::Es,
        ) => format!("{min} a {max} años"),
        (
            AgeGroup::Range {
                min,
                max: Some(max),
            },
            Lang::En,
        ) => format!("{min} to {max} years"),
        (AgeGroup::Range { min, max: None }, Lang::Es) => format!("{min} años o más"),
        (AgeGroup::Range { min, max: None }, Lang::En) => format!("{min} years and over"),
        (AgeGroup::Unknown, Lang::Es) => "Edad desconocida".to_owned(),
        (AgeGroup::Unknown, Lang::En) => "Age unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            labels(Lang::En).shown_count.fill(Lang::En, 3, 10),
            "3 of 10 kitchens match."
        );
        assert_eq!(
            labels(Lang::Es).shown_count.fill(Lang::Es, 2_072, 2_300),
            "2,072 de 2,300 cocinas coinciden."
        );
        assert_eq!(
            labels(Lang::En).page_of.replace("{n}", "2"),
            "Page 2 of {total}"
        );
        assert_eq!(
            fill(labels(Lang::Es).page_of, Lang::Es, 2, 3),
            "Página 2 de 3"
        );
    }

    #[test]
    fn age_groups_read_naturally() {
        let teen = AgeGroup::Range {
            min: 13,
            max: Some(17),
        };
        assert_eq!(age_group(teen, Lang::Es), "13 a 17 años");
        let old = AgeGroup::Range { min: 60, max: None };
        assert_eq!(age_group(old, Lang::En), "60 years and over");
    }
}
