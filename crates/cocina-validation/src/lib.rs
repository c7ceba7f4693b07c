//! Named validation rules for deliveries, with stable codes and Spanish and English messages.
