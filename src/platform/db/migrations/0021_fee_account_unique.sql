-- A fee account belongs to one unit: the bank's webhook (payments/reconcile) finds the unit by the account number
-- alone, so a second unit declaring the same account would break the owner's webhook or receive its lines. The
-- settings form refuses an account another unit declared; this index is the last guard (two administrators saving at
-- once). Units without an account ('') are not concerned.
do $$
declare
  dup record;
begin
  select account_number, string_agg(unit_id::text, ', ' order by unit_id) as units into dup
    from payment_settings where account_number <> '' group by account_number having count(*) > 1 limit 1;
  if found then
    raise exception 'fee account % is declared by several units (unit ids %): clear it on the units that do not own it (update payment_settings set bank_bin = '''', account_number = '''' where unit_id = ...), then upgrade again', dup.account_number, dup.units;
  end if;
end $$;

create unique index payment_settings_account_number_idx on payment_settings (account_number) where account_number <> '';
