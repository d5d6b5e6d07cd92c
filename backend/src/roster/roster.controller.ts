import { Body, Controller, Get, Put } from '@nestjs/common';
import { Roster } from '@roompulse/contracts';
import { Roles } from '../common/decorators/roles.decorator';
import { RosterService } from './roster.service';

@Controller('api/roster')
export class RosterController {
  constructor(private readonly roster: RosterService) {}

  @Get()
  @Roles('viewer', 'admin')
  get(): Promise<Roster> {
    return this.roster.get();
  }

  @Put()
  @Roles('admin')
  replace(@Body() body: Roster): Promise<Roster> {
    return this.roster.replace(body);
  }
}
